package com.kwp.bridge.bench;

import com.kwp.bridge.bench.Measurement.Role;
import com.kwp.bridge.bench.PhaseMeter.Timed;
import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Sync of lineitem from the same Delta sources into the TDS endpoint, chains side by side on their own targets:
 * the limit ({@link TdsSetBasedSql}: bulk copy, staged set-based T-SQL), Spark's JDBC writer (INSERT only:
 * default options, and with mssql-jdbc's {@code useBulkCopyForBatchInsert}), and the bridge (SyncJob events,
 * its {@code SQLServerBulkCopy} path). INSERT, then UPSERT 10 % and DELETE 1 % on the limit's and the bridge's
 * targets, which must end identical.
 */
final class TdsSyncBench {
  static final String INSERT = "TDS sync INSERT";
  static final String UPSERT = "TDS sync UPSERT 10%";
  static final String DELETE = "TDS sync DELETE 1%";
  static final String LIMIT = "bench_tgt_limit";
  static final String SPARK = "bench_tgt_spark";
  static final String SPARK_BULK = "bench_tgt_spark_bulk";
  static final String BRIDGE = "bench_tgt_bridge";
  static final String WARMUP = "bench_tgt_warmup";
  private static final List<String> TARGETS = List.of(LIMIT, SPARK, SPARK_BULK, BRIDGE, WARMUP);

  /** What the TDS sync part measured, and what its targets hold at the end (keyed "tds <table>"). */
  record Outcome(List<Measurement> measurements, Map<String, SyncBench.Fingerprint> targets) {}

  private final SparkSession spark;
  private final TestDatabase db;
  private final PhaseMeter meter;
  private final TdsSetBasedSql setBased;
  private final BridgeSyncRows bridge;

  TdsSyncBench(SparkSession spark, TestDatabase db, PhaseMeter meter, BridgeSync bridge) {
    this.spark = spark;
    this.db = db;
    this.meter = meter;
    this.setBased = new TdsSetBasedSql(db, Workload.columns(), Workload.KEYS);
    this.bridge = new BridgeSyncRows(spark, db, meter, bridge, this::settle);
  }

  Outcome run(Workload w, TdsWorkload t) throws Exception {
    for (String target : TARGETS) {
      db.execute(TdsWorkload.createTargetSql(db, target));
    }
    Path small = w.full().resolveSibling("src_small_tds");
    spark.read().format("delta").load(w.full().toString()).limit(10).write().format("delta").save(small.toString());
    bridge.warmUp(small, WARMUP);

    List<Measurement> out = new ArrayList<>();
    Measurement limit = limit(INSERT, "bulk copy (SQLServerBulkCopy, TABLOCK) straight into the target, one stream, one transaction",
        w.lineitemRows(), () -> setBased.insert(db.qualified(LIMIT), t.fullText()));
    Measurement plain = sparkWriter(w.full(), SPARK, false).withRatios(limit, null);
    Measurement bulk = sparkWriter(w.full(), SPARK_BULK, true).withRatios(limit, plain);
    out.addAll(List.of(limit, plain, bulk));
    for (Measurement m : bridge.rows(INSERT, "INSERT", w.full(), BRIDGE)) {
      out.add(m.withRatios(limit, plain).withSecondRatios(null, bulk));
    }
    sameAfterInsert(List.of(SPARK, SPARK_BULK, BRIDGE));
    db.execute("TRUNCATE TABLE " + db.qualified(SPARK), "TRUNCATE TABLE " + db.qualified(SPARK_BULK));

    out.addAll(keyed(UPSERT, "UPSERT", w.upsert(), "bulk copy to staging + UPDATE ... FROM join + INSERT ... WHERE NOT EXISTS, one transaction",
        () -> setBased.upsert(db.qualified(LIMIT), t.upsertText())));
    out.addAll(keyed(DELETE, "DELETE", w.deletes(), "bulk copy of the keys to staging + DELETE ... FROM join, one transaction",
        () -> setBased.delete(db.qualified(LIMIT), t.deleteText())));

    Map<String, SyncBench.Fingerprint> targets = new LinkedHashMap<>();
    for (String target : List.of(LIMIT, BRIDGE)) {
      targets.put("tds " + target, SyncBench.fingerprint(db, db.qualified(target)));
    }
    return new Outcome(out, targets);
  }

  private interface Work {
    long run() throws Exception;
  }

  private interface Load {
    void run() throws Exception;
  }

  private List<Measurement> keyed(String group, String operation, Path source, String limitPath, Work limitWork) throws Exception {
    settle();
    Timed<Long> t = meter.measure(limitWork::run);
    Measurement limit = Measurement.of(group, "limit: " + limitPath, Role.LIMIT, t.value(), t.usage());
    List<Measurement> out = new ArrayList<>(List.of(limit));
    for (Measurement m : bridge.rows(group, operation, source, BRIDGE)) {
      out.add(m.withRatios(limit, null));
    }
    return out;
  }

  private Measurement limit(String group, String path, long rows, Load work) throws Exception {
    settle();
    Timed<Void> t = meter.measure(() -> {
      work.run();
      return null;
    });
    return Measurement.of(group, "limit: " + path, Role.LIMIT, rows, t.usage());
  }

  /**
   * Spark's JDBC writer, {@code df.write.mode(append).jdbc(url, target, props)}: default options (batches of
   * 1000 parameterised INSERTs), or as a knowledgeable user would: mssql-jdbc turns each batch into a bulk copy
   * ({@code useBulkCopyForBatchInsert=true}), with batches of {@value SyncBench#TUNED_BATCH} rows. A writer the
   * server refuses is a row "not measured" with the server's reason, not a failed run.
   */
  private Measurement sparkWriter(Path source, String target, boolean bulkCopy) throws Exception {
    String path = bulkCopy ? "baseline: Spark JDBC writer, useBulkCopyForBatchInsert=true, batchsize " + SyncBench.TUNED_BATCH
        : "baseline: Spark JDBC writer, default options";
    Properties props = new Properties();
    props.putAll(db.connection().driverProperties());
    if (bulkCopy) {
      props.setProperty("useBulkCopyForBatchInsert", "true");
      props.setProperty("batchsize", String.valueOf(SyncBench.TUNED_BATCH));
    }
    String qualified = db.qualified(target);
    settle();
    try {
      Timed<Void> t = meter.measure(() -> {
        spark.read().format("delta").load(source.toString()).write().mode(SaveMode.Append).jdbc(db.url(), qualified, props);
        return null;
      });
      return Measurement.of(INSERT, path, Role.BASELINE, db.count(qualified), t.usage());
    } catch (Exception e) {
      BenchHarness.log("TDS " + path + " failed: " + e);
      db.execute("TRUNCATE TABLE " + qualified);
      return Measurement.notMeasured(INSERT, path, Role.BASELINE, String.valueOf(e.getMessage()).lines().findFirst().orElse("failed"));
    }
  }

  /** Every INSERT target that was written holds what the limit's holds. */
  private void sameAfterInsert(List<String> others) {
    SyncBench.Fingerprint expected = SyncBench.fingerprint(db, db.qualified(LIMIT));
    for (String target : others) {
      SyncBench.Fingerprint got = SyncBench.fingerprint(db, db.qualified(target));
      if (got.rows() > 0 && !got.equals(expected)) {
        throw new IllegalStateException("after TDS INSERT, " + target + " holds " + got + " but " + LIMIT + " holds " + expected);
      }
    }
  }

  /**
   * Untimed, before every measured phase: T-SQL's CHECKPOINT (Babelfish runs PostgreSQL's), so no phase pays for
   * the previous one's dirty pages. Babelfish has no UPDATE STATISTICS and T-SQL no VACUUM: autovacuum may run.
   */
  private void settle() {
    db.execute("CHECKPOINT");
  }
}
