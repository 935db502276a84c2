package com.kwp.bridge.bench;

import com.kwp.bridge.bench.Measurement.Role;
import com.kwp.bridge.bench.PhaseMeter.Timed;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.testing.TestDatabase;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Keeping a Delta copy of {@code lineitem} current after 1 % of its rows changed: the bridge's
 * {@code mode = changes} run (the change log's keys joined to their current rows, MERGEd into Delta) against
 * a full re-extract by the bridge in {@code mode = overwrite} (what a user without change tracking runs).
 * Both work on {@value #TABLE}, an untimed copy of lineitem with its TPC-H primary key and the bridge's
 * change log, so the other groups keep reading the unkeyed, unchanged lineitem. Untimed first: the copy, the
 * change log DDL, the snapshot (the first {@code mode = changes} run), a warm-up changes run and the changes. Both rows count the
 * rows the Delta table holds after the run (the source's), so "x baseline" is the speedup in wall time.
 */
final class ChangesBench {
  static final String GROUP = "extract changes 1%";
  static final String TABLE = "lineitem_changes";
  /** What the untimed changes do, in the row's path. */
  static final String CHANGES = "1% of rows, lines of orders with key % 100 = 7: ~80% updated, key % 1000 = 7 deleted,"
      + " key % 1000 = 107 copied as inserts";

  /** Starts every note that says a run left Delta different from the source or read other keys than were changed. */
  static final String MISMATCH = "mismatch: ";

  private final SparkSession spark;
  private final TestDatabase db;
  private final PhaseMeter meter;
  private final Path work;
  private final BridgeExtract bridge;

  ChangesBench(SparkSession spark, TestDatabase db, PhaseMeter meter, Path work, BridgeExtract bridge) {
    this.spark = spark;
    this.db = db;
    this.meter = meter;
    this.work = work;
    this.bridge = bridge;
  }

  /** The changes-run row (bridge, divided by the re-extract), then the full re-extract row (baseline). */
  List<Measurement> run() throws Exception {
    String changesPath = "bridge mode = changes -> delta, MERGE of the changes (" + CHANGES + ")";
    String fullPath = "baseline: bridge full re-extract, mode = overwrite -> delta, automatic partitioning";
    if (bridge.unavailableReason().isPresent()) {
      String why = bridge.unavailableReason().get();
      return List.of(Measurement.notMeasured(GROUP, changesPath, Role.BRIDGE, why), Measurement.notMeasured(GROUP, fullPath, Role.BASELINE, why));
    }
    Path dest = work.resolve("bridge-changes");
    String delta = dest.resolve(TABLE).toString();
    try {
      setUp();
      QueryResult snapshot = bridge.extractConfigured(spark, db, TABLE, spec("changes"), dest);
      long copied = db.count(TABLE);
      if (snapshot.rowsWritten() != copied) {
        throw new IllegalStateException("the snapshot of " + TABLE + " wrote " + snapshot.rowsWritten() + " rows of " + copied);
      }
      // No once-per-JVM cost of a first MERGE on the measured run (the re-extract's write path was warmed by the
      // extract group): an untimed changes run of five updated rows, away from the measured changes.
      db.execute("UPDATE " + TABLE + " SET l_comment = 'warm-up' WHERE l_orderkey <= 5 AND l_linenumber = 1");
      bridge.extractConfigured(spark, db, TABLE, spec("changes"), dest);
      long changedKeys = change();
      settle();
      Timed<QueryResult> merged = meter.measure(() -> bridge.extractConfigured(spark, db, TABLE, spec("changes"), dest));
      SyncBench.Fingerprint source = SyncBench.fingerprint(db, TABLE);
      String afterMerge = mismatch(source, delta);
      Map<String, String> metrics = lastCommitMetrics(delta);
      settle();
      Timed<QueryResult> full = meter.measure(() -> bridge.extractConfigured(spark, db, TABLE, spec("overwrite"), dest));
      String afterFull = mismatch(source, delta);

      Measurement baseline = Measurement.of(GROUP, fullPath, Role.BASELINE, source.rows(), full.usage())
          .withNote("chose " + full.value().partitions() + " Spark partitions");
      baseline = afterFull.isEmpty() ? baseline : baseline.withNote(afterFull);
      Measurement changes = Measurement.of(GROUP, changesPath, Role.BRIDGE, source.rows(), merged.usage()).withRatios(null, baseline);
      changes = changes.withNote(String.format(Locale.ROOT, "speedup vs the full re-extract %.2fx (wall time); %,d changed keys read:"
          + " %s updated, %s deleted, %s inserted; MERGE removed %s data files, added %s", full.usage().wallSeconds() / merged.usage().wallSeconds(),
          merged.value().rowsRead(), metrics.get("numTargetRowsUpdated"), metrics.get("numTargetRowsDeleted"), metrics.get("numTargetRowsInserted"),
          metrics.get("numTargetFilesRemoved"), metrics.get("numTargetFilesAdded")));
      if (merged.value().rowsRead() != changedKeys) {
        changes = changes.withNote(MISMATCH + "the log names " + changedKeys + " changed keys but the run read " + merged.value().rowsRead());
      }
      return List.of(afterMerge.isEmpty() ? changes : changes.withNote(afterMerge), baseline);
    } finally {
      Files2.deleteTree(dest);
      db.execute("DROP TABLE IF EXISTS " + TABLE + " CASCADE", "DROP TABLE IF EXISTS " + TABLE + "_bridge_changes",
          "DROP FUNCTION IF EXISTS " + TABLE + "_bridge_changes_fn() CASCADE");
    }
  }

  private String spec(String mode) {
    return "table = \"" + db.schema() + "." + TABLE + "\", mode = " + mode + ", format = delta";
  }

  /** The keyed copy of lineitem, in the same (generator) order, with the change log the bridge ships. */
  private void setUp() {
    db.execute("CREATE TABLE " + TABLE + " (LIKE " + Workload.TABLE + ")", "INSERT INTO " + TABLE + " SELECT * FROM " + Workload.TABLE,
        "ALTER TABLE " + TABLE + " ADD PRIMARY KEY (" + String.join(", ", Workload.KEYS) + ")");
    db.execute(db.dialect().reads().changeTrackingSetup(TableName.of(db.schema(), TABLE), Workload.KEYS).toArray(String[]::new));
    db.execute("VACUUM (ANALYZE) " + TABLE);
  }

  /** The changes of {@link #CHANGES}, each statement in its own transaction; returns the keys they changed. */
  private long change() throws Exception {
    String insertColumns = Workload.columns().stream().map(c -> c.equals("l_linenumber") ? "l_linenumber + 100" : c)
        .collect(Collectors.joining(", "));
    try (Connection c = db.open(); Statement st = c.createStatement()) {
      long inserted = st.executeUpdate("INSERT INTO " + TABLE + " (" + String.join(", ", Workload.columns()) + ") SELECT " + insertColumns
          + " FROM " + TABLE + " WHERE l_orderkey % 1000 = 107");
      long deleted = st.executeUpdate("DELETE FROM " + TABLE + " WHERE l_orderkey % 1000 = 7");
      long updated = st.executeUpdate("UPDATE " + TABLE + " SET l_quantity = l_quantity + 1, l_comment = 'changed by the bench'"
          + " WHERE l_orderkey % 100 = 7 AND l_orderkey % 1000 <> 7 AND l_orderkey % 1000 <> 107");
      return inserted + deleted + updated;
    }
  }

  /** Untimed before each timed run, as for the sync phases: no run pays for the other's vacuum or checkpoint work. */
  private void settle() {
    db.execute("VACUUM (ANALYZE) " + TABLE, "VACUUM (ANALYZE) " + TABLE + "_bridge_changes", "CHECKPOINT");
  }

  /** Empty when the Delta table holds what the source holds (rows, sum of quantities, sum of line numbers). */
  private String mismatch(SyncBench.Fingerprint source, String delta) {
    Row r = spark.read().format("delta").load(delta).selectExpr("COUNT(*)", "CAST(COALESCE(SUM(l_quantity), 0) AS STRING)",
        "COALESCE(SUM(CAST(l_linenumber AS BIGINT)), 0)").first();
    SyncBench.Fingerprint lake = new SyncBench.Fingerprint(r.getLong(0), r.getString(1), r.getLong(2));
    return lake.equals(source) ? "" : MISMATCH + "Delta holds " + lake + ", the source " + source;
  }

  private Map<String, String> lastCommitMetrics(String delta) {
    Map<Object, Object> m = DeltaTable.forPath(spark, delta).history(1).select("operationMetrics").first().getJavaMap(0);
    Map<String, String> out = new java.util.HashMap<>();
    m.forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }
}
