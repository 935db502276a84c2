package com.kwp.bridge.logging;

import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One log format for everything: the bridge logs through java.util.logging, which is routed into Spark's
 * log4j2 (so its lines look like Spark's, and obey the same levels), and {@code json} swaps the console
 * layout for one JSON object per line carrying the {@link LogContext} fields.
 */
public final class Logging {
  public static final String TEXT = "text";
  public static final String JSON = "json";
  /** Config key of the format ({@code --log-format} wins). */
  public static final String FORMAT_KEY = "logging.format";

  /** One JSON object per line; {@code %notEmpty} leaves out context fields a line does not have. */
  static final String JSON_PATTERN = "{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}{UTC}\",\"level\":\"%p\",\"logger\":\"%enc{%c}{JSON}\""
      + "%notEmpty{,\"run_id\":\"%enc{%X{" + LogContext.RUN_ID + "}}{JSON}\"}"
      + "%notEmpty{,\"job_run_id\":\"%enc{%X{" + LogContext.JOB_RUN_ID + "}}{JSON}\"}"
      + "%notEmpty{,\"country\":\"%enc{%X{" + LogContext.COUNTRY + "}}{JSON}\"}"
      + "%notEmpty{,\"query\":\"%enc{%X{" + LogContext.QUERY + "}}{JSON}\"}"
      + "%notEmpty{,\"event_id\":\"%enc{%X{" + LogContext.EVENT_ID + "}}{JSON}\"}"
      + ",\"message\":\"%enc{%m}{JSON}\"%notEmpty{,\"error\":\"%enc{%throwable}{JSON}\"}}%n";

  /** Held so the level set by --debug is not lost when JUL drops an unreferenced logger. */
  private static final java.util.logging.Logger BRIDGE_JUL = java.util.logging.Logger.getLogger("com.kwp.bridge");
  private static boolean julRouted;
  private static String current = TEXT;

  private Logging() {}

  /** Routes java.util.logging into log4j2 (once) and applies {@code format} when given. */
  public static synchronized void install(Optional<String> format) {
    install(format, false);
  }

  /** As {@link #install(Optional)}; {@code debug} also lets the bridge's FINE lines (failure traces) through. */
  public static synchronized void install(Optional<String> format, boolean debug) {
    if (debug) {
      BRIDGE_JUL.setLevel(java.util.logging.Level.FINE);
      org.apache.logging.log4j.core.config.Configurator.setLevel("com.kwp.bridge", org.apache.logging.log4j.Level.DEBUG);
    }
    if (!julRouted) {
      // JUL's own console handler prints a second, two-line format; drop it.
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
      julRouted = true;
    }
    format.ifPresent(Logging::use);
  }

  /** Switches every console appender to {@code text} (the configured pattern) or {@code json}. */
  public static synchronized void use(String format) {
    String f = format.toLowerCase(Locale.ROOT).trim();
    if (!f.equals(TEXT) && !f.equals(JSON)) {
      throw new com.kwp.bridge.error.ConfigException(FORMAT_KEY + " must be text or json, got '" + format + "'.");
    }
    if (f.equals(current) || f.equals(TEXT)) {
      current = f.equals(JSON) ? JSON : current;
      return;
    }
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = ctx.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder().withConfiguration(cfg).withPattern(JSON_PATTERN)
        .withAlwaysWriteExceptions(false).build();
    swap(cfg.getRootLogger(), layout, cfg);
    for (LoggerConfig lc : cfg.getLoggers().values()) {
      swap(lc, layout, cfg);
    }
    ctx.updateLoggers();
    current = JSON;
  }

  /** The format in use. */
  public static synchronized String format() {
    return current;
  }

  private static void swap(LoggerConfig lc, PatternLayout layout, Configuration cfg) {
    for (Appender a : lc.getAppenders().values()) {
      if (a instanceof ConsoleAppender console) {
        ConsoleAppender json = ConsoleAppender.newBuilder()
            .setName(console.getName() + "-json")
            .setTarget(console.getTarget())
            .setFollow(true)
            .setLayout(layout)
            .setConfiguration(cfg)
            .build();
        json.start();
        lc.removeAppender(console.getName());
        lc.addAppender(json, null, null);
      }
    }
  }
}
