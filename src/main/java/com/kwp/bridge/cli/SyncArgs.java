package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SyncJob's command line, parsed once into a record. Empty optionals fall back to config. */
public record SyncArgs(
    Path configPath,
    Optional<String> trigger,
    Optional<String> eventsTable,
    Optional<String> checkpoint,
    Map<String, String> confOverrides,
    Optional<String> runId) {

  /** As typed locally; the same options are the JAR task's parameters of the SyncJob main class. */
  public static final String PROGRAM = "bridge sync";
  public static final String DESCRIPTION = "applies bridge_events to SQL Server (Structured Streaming, foreachBatch)";

  public static final List<Opt> OPTIONS = List.of(
      Opt.required("config-path", "dir", "folder with common.conf and permissions.conf"),
      Opt.optional("trigger", "available-now|interval:10s", "available-now processes what is pending and stops; interval:<d> runs continuously"),
      Opt.optional("events-table", "name", "events Delta table (default from config)"),
      Opt.optional("checkpoint", "path", "streaming checkpoint location (a Volume path on Databricks)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence (repeatable)"),
      Opt.optional("run-id", "id", "job run id recorded in status and audit rows (pass {{job.run_id}})"));

  /** Parses; returns empty when {@code --help} was asked (usage already printed). */
  public static Optional<SyncArgs> parse(String[] args) {
    Optional<Parsed> parsed = CommandLine.parseOrHelp(PROGRAM, DESCRIPTION, OPTIONS, args);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Parsed p = parsed.get();
    Optional<String> trigger = p.get("trigger");
    if (trigger.isPresent() && !trigger.get().equals("available-now") && !trigger.get().startsWith("interval:")) {
      throw new UsageException("--trigger must be available-now or interval:<duration> (e.g. interval:10s), got '" + trigger.get() + "'");
    }
    return Optional.of(new SyncArgs(
        Path.of(p.require("config-path")),
        trigger,
        p.get("events-table"),
        p.get("checkpoint"),
        ConfigLoader.parsePairs("--conf", p.all("conf")),
        p.get("run-id")));
  }
}
