package com.kwp.bridge.cli;

import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.sync.BatchHandler;
import com.kwp.bridge.sync.EventOutcome;
import com.kwp.bridge.sync.SyncEngine;
import com.kwp.bridge.sync.SyncStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/** Main class of the SyncJob JAR task: arguments, config, session, one runner; failures are thrown, never exit. */
public final class SyncJob {
  private SyncJob() {}

  public static void main(String[] args) {
    Optional<SyncArgs> parsed = SyncArgs.parse(args);
    if (parsed.isEmpty()) {
      return;
    }
    SyncEngine engine = engine(parsed.get());
    SparkSession spark = SparkSessions.obtain("bridge-sync");
    try {
      run(spark, engine);
    } finally {
      SparkSessions.releaseIfLocal(spark);
    }
  }

  /** Config folder + command-line overrides (--trigger, --checkpoint, --events-table, --conf) into an engine. */
  static SyncEngine engine(SyncArgs a) {
    Map<String, String> overrides = new HashMap<>(a.confOverrides());
    a.trigger().ifPresent(t -> overrides.put("sync.trigger", t));
    a.checkpoint().ifPresent(c -> overrides.put("sync.checkpoint", c));
    a.eventsTable().ifPresent(e -> overrides.put(TablesConfig.EVENTS, e));
    return SyncEngine.fromConfig(a.configPath(), overrides, a.runId().orElse(null));
  }

  /** Runs the stream; an available-now run fails at the end naming every failed or rejected event (when so configured). */
  static BatchHandler.RunSummary run(SparkSession spark, SyncEngine engine) {
    BatchHandler.RunSummary summary = SyncStream.run(spark, engine);
    List<EventOutcome> bad = summary.unsuccessful();
    System.out.println("SyncJob: " + summary.outcomes().size() + " event(s) processed, " + bad.size() + " failed or rejected");
    if (!bad.isEmpty() && engine.config().failOnEventErrors() && engine.config().trigger().availableNow()) {
      throw new BridgeException(ErrorClass.VALIDATION, "SyncJob finished; these events were not applied (see the status table): "
          + bad.stream().map(o -> o.eventId() + " " + o.status().value() + " " + o.errorClass()).collect(Collectors.joining("; ")));
    }
    return summary;
  }
}
