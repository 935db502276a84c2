package com.kwp.bridge.cli;

import com.kwp.bridge.config.ConfigLoader;
import com.kwp.bridge.config.LoggingConfig;
import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.logging.LogContext;
import com.kwp.bridge.logging.Logging;
import com.kwp.bridge.progress.ProgressReporter;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.sync.BatchHandler;
import com.kwp.bridge.sync.SyncEngine;
import com.kwp.bridge.sync.SyncStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Main class of the SyncJob JAR task: arguments, config, session, one runner; failures are thrown, never exit. */
public final class SyncJob {
  private SyncJob() {}

  public static void main(String[] args) {
    try {
      GlobalFlags flags = GlobalFlags.parse(args, System.getenv());
      Optional<SyncArgs> parsed = SyncArgs.parse(flags.rest());
      if (parsed.isEmpty()) {
        return;
      }
      LoggingConfig logging = LoggingConfig.from(ConfigLoader.load(
          new ConfigLoader.Request(parsed.get().configPath(), null, Map.of(), parsed.get().confOverrides(), System.getenv())));
      Logging.install(Optional.of(flags.logFormat().orElse(logging.format())), flags.debug());
      SyncEngine engine = engine(parsed.get());
      SparkSession spark = SparkSessions.obtain("bridge-sync");
      try (ProgressReporter progress = ProgressReporter.startAuto(spark.sparkContext(), BatchHandler.PROGRESS_PREFIX,
          logging.progressInterval(), ProgressReporter.terminalOrNull());
          LogContext ctx = LogContext.with(LogContext.RUN_ID, engine.run().jobRunId(), LogContext.JOB_RUN_ID, engine.run().jobRunId())) {
        run(spark, engine);
      } finally {
        SparkSessions.releaseIfLocal(spark);
      }
    } catch (Exception e) { // Scala code throws checked exceptions undeclared
      throw ErrorReport.forJob(e);
    }
  }

  /** Config folder + command-line overrides (--trigger, --checkpoint, --events-table, --conf) into an engine. */
  static SyncEngine engine(SyncArgs a) {
    com.kwp.bridge.config.PermissionsLoader.requireFile(a.configPath());
    Map<String, String> overrides = new HashMap<>(a.confOverrides());
    a.trigger().ifPresent(t -> overrides.put("sync.trigger", t));
    a.checkpoint().ifPresent(c -> overrides.put("sync.checkpoint", c));
    a.eventsTable().ifPresent(e -> overrides.put(TablesConfig.EVENTS, e));
    return SyncEngine.fromConfig(a.configPath(), overrides, a.runId().orElse(null));
  }

  /** Runs the stream; an available-now run fails at the end naming every failed or rejected event (when so configured). */
  static BatchHandler.RunSummary run(SparkSession spark, SyncEngine engine) {
    BatchHandler.RunSummary summary = SyncStream.run(spark, engine);
    System.out.println("SyncJob: " + summary.outcomes().size() + " event(s) processed, " + summary.unsuccessful().size() + " failed or rejected");
    if (engine.config().failOnEventErrors() && engine.config().trigger().availableNow()) {
      failIfEventsFailed(spark, engine);
    }
    return summary;
  }

  /**
   * Throws naming every event this job run left failed or rejected. Read from the status table by job run
   * id, not from this attempt's outcomes: a Databricks task retry of the same run must fail again, or the
   * failure e-mail would be lost when the retry finds nothing new to apply.
   */
  public static void failIfEventsFailed(SparkSession spark, SyncEngine engine) {
    List<Row> bad = engine.status().unsuccessfulInRun(spark, engine.run().jobRunId());
    if (!bad.isEmpty()) {
      throw new BridgeException(ErrorClass.RUN_FAILED, "SyncJob run " + engine.run().jobRunId()
          + " finished; these events were not applied (see the status table): "
          + bad.stream().map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2)).collect(Collectors.joining("; ")));
    }
  }
}
