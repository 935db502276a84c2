package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;

/** The {@code logging} section: log format and how often live progress is reported. */
public record LoggingConfig(String format, Duration progressInterval) {
  public static final String SECTION = "logging";
  public static final String FORMAT = "format";
  public static final String PROGRESS_INTERVAL = "progress-interval";
  static final java.util.Set<String> KEYS = java.util.Set.of(FORMAT, PROGRESS_INTERVAL);

  public static LoggingConfig from(Config root) {
    Config c = root.hasPath(SECTION) ? root.getConfig(SECTION) : com.typesafe.config.ConfigFactory.empty();
    for (String key : c.root().keySet()) {
      ConfigException.check(KEYS.contains(key), "Unknown key %s.%s (from %s); known keys: %s.", SECTION, key,
          c.root().get(key).origin().description(), new java.util.TreeSet<>(KEYS));
    }
    String format = c.hasPath(FORMAT) ? c.getString(FORMAT).trim().toLowerCase(Locale.ROOT) : "text";
    ConfigException.check(format.equals("text") || format.equals("json"), "%s.%s must be text or json, got '%s'.", SECTION, FORMAT, format);
    Duration interval;
    try {
      interval = c.hasPath(PROGRESS_INTERVAL) ? c.getDuration(PROGRESS_INTERVAL) : Duration.ofSeconds(10);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(SECTION + "." + PROGRESS_INTERVAL + " must be a duration such as 10s or 1m (0s: off), got '"
          + c.getValue(PROGRESS_INTERVAL).unwrapped() + "'.", e);
    }
    ConfigException.check(!interval.isNegative(), "%s.%s must not be negative.", SECTION, PROGRESS_INTERVAL);
    return new LoggingConfig(format, interval);
  }
}
