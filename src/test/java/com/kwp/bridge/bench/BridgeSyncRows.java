package com.kwp.bridge.bench;

import com.kwp.bridge.bench.Measurement.Role;
import com.kwp.bridge.bench.PhaseMeter.Timed;
import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The bridge's rows of a sync operation, for whichever target database {@code db} is (PostgreSQL or a TDS
 * endpoint): one event submitted (untimed), one SyncJob run measured.
 */
final class BridgeSyncRows {
  private final SparkSession spark;
  private final TestDatabase db;
  private final PhaseMeter meter;
  private final BridgeSync bridge;
  private final Runnable settle;

  /** {@code settle} runs untimed before the measured run (vacuum, checkpoint: whatever the server offers). */
  BridgeSyncRows(SparkSession spark, TestDatabase db, PhaseMeter meter, BridgeSync bridge, Runnable settle) {
    this.spark = spark;
    this.db = db;
    this.meter = meter;
    this.bridge = bridge;
    this.settle = settle;
  }

  /**
   * Two untimed SyncJob runs of a small event before any measured one. A checkpoint's first batch and the first
   * restart after it each cost seconds once in its life (on that restart Spark re-plans the previous batch,
   * which for a stream's first batch Delta rebuilds from the starting version); a production checkpoint paid
   * them long ago, so no measured run should.
   */
  void warmUp(Path small, String target) throws Exception {
    if (bridge.unavailableReason().isPresent()) {
      return;
    }
    for (int i = 0; i < 2; i++) {
      bridge.run(spark, db, bridge.submit(spark, db, "UPSERT", small, target, Workload.KEYS), small, java.util.Map.of());
    }
  }

  /**
   * The bridge's event through SyncJob (wall time of the whole available-now run; the event's append before it
   * is the producer's and not timed), plus a second row for
   * the same event's own apply span as SyncJob records it (validated -> source read, staged, committed):
   * the difference is SyncJob's fixed cost per run (stream start, event read, status and audit writes).
   */
  List<Measurement> rows(String group, String operation, Path source, String target) throws Exception {
    return rows(group, operation, source, target, java.util.Map.of(), "");
  }

  /** As above with {@code settings} over the bench's sync configuration, named by {@code variant} in the path. */
  List<Measurement> rows(String group, String operation, Path source, String target, java.util.Map<String, String> settings, String variant)
      throws Exception {
    String path = "bridge: SyncJob " + operation + " event" + variant;
    if (bridge.unavailableReason().isPresent()) {
      return List.of(Measurement.notMeasured(group, path, Role.BRIDGE, bridge.unavailableReason().get()));
    }
    String id = bridge.submit(spark, db, operation, source, target, Workload.KEYS);
    settle.run();
    Timed<BridgeSync.Applied> t = meter.measure(() -> bridge.run(spark, db, id, source, settings));
    Measurement run = Measurement.of(group, path + " (whole SyncJob run)", Role.BRIDGE, t.value().rows(), t.usage());
    double span = t.value().eventSeconds();
    if (Double.isNaN(span)) {
      return List.of(run);
    }
    Usage spanOnly = new Usage(Math.max(span, 0.001), Double.NaN, Double.NaN, Double.NaN, 0, 0, "");
    return List.of(run, Measurement.of(group, path + " (apply span from its status row)", Role.BRIDGE, t.value().rows(), spanOnly)
        .withNote("validated -> staged -> committed; excludes stream start, event read, status/audit writes"));
  }
}
