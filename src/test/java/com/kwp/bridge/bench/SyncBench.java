package com.kwp.bridge.bench;

import com.kwp.bridge.bench.Measurement.Role;
import com.kwp.bridge.bench.PhaseMeter.Timed;
import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Sync of {@code lineitem} from Delta into PostgreSQL, three chains side by side, each on its own target:
 * the limit (binary COPY FROM, then binary COPY into a staging table + the set-based statement), the baseline
 * (Spark's JDBC writer with default options, then hand-written JDBC batches) and the bridge. Each chain does
 * INSERT into an empty target, UPSERT of 10 %, DELETE of 1 % and REPLACE of everything by a quarter of the rows;
 * afterwards the targets must hold identical
 * data. Each limit is measured in more than one form (COPY text and binary; staging on one connection or on
 * two, the bridge's parallelism), each form on its own target ({@code tgt_limit}, {@code tgt_limit2}), and the
 * fastest form is the limit the other paths are divided by; the slower forms stay in the results, labelled
 * candidates, with their ratio to it.
 */
final class SyncBench {
  static final String INSERT = "sync INSERT";
  static final String UPSERT = "sync UPSERT 10%";
  static final String DELETE = "sync DELETE 1%";
  static final String REPLACE = "sync REPLACE (1/4 over all)";
  static final String INSERT_QUARTER = "sync INSERT 1/4 (heap check)";
  static final int TUNED_BATCH = 10_000;
  static final List<String> TARGETS = List.of("tgt_limit", "tgt_limit2", "tgt_atomic", "tgt_atomic2", "tgt_spark", "tgt_tuned",
      "tgt_bridge", "tgt_bridge_truncate", "tgt_q_spark", "tgt_q_bridge", "tgt_latency", "tgt_warmup");
  /** Targets only the INSERT step compares; emptied (untimed) after its check so later phases do not carry them. */
  static final List<String> INSERT_ONLY = List.of("tgt_atomic", "tgt_atomic2", "tgt_tuned");
  /** REPLACE's extra targets: filled (untimed) just before it, compared after it, then emptied. */
  static final List<String> REPLACE_ONLY = List.of("tgt_atomic", "tgt_atomic2", "tgt_bridge_truncate");
  static final String LIMIT = "limit";
  static final String ATOMIC = "atomic limit";
  static final String CANDIDATE = " candidate (slower)";

  /** What a target holds at the end; equal fingerprints mean the chains did the same work. */
  record Fingerprint(long rows, String sumQuantity, long sumLineNumber) {}

  /** Everything the sync part of a run produced. */
  record Outcome(List<Measurement> measurements, Map<String, Fingerprint> targets, List<Double> latencySeconds, String latencyNote) {}

  private final SparkSession spark;
  private final TestDatabase db;
  private final PhaseMeter meter;
  private final BridgeSync bridge;
  private final SetBasedSql setBased;
  private final BridgeSyncRows bridgeRows;

  SyncBench(SparkSession spark, TestDatabase db, PhaseMeter meter, BridgeSync bridge) {
    this.spark = spark;
    this.db = db;
    this.meter = meter;
    this.bridge = bridge;
    this.setBased = new SetBasedSql(Workload.columns(), Workload.KEYS);
    this.bridgeRows = new BridgeSyncRows(spark, db, meter, bridge, this::settle);
  }

  Outcome run(Workload w, int latencyEvents) throws Exception {
    for (String t : TARGETS) {
      db.execute(Workload.createTargetSql(t));
    }
    Path small = w.full().resolveSibling("src_small");
    spark.read().format("delta").load(w.full().toString()).limit(10).write().format("delta").save(small.toString());
    bridgeRows.warmUp(small, "tgt_warmup");
    List<Measurement> out = new ArrayList<>();
    out.addAll(insertStep(w));
    List<Callable<Measurement>> upserts = new ArrayList<>();
    List<Callable<Measurement>> deletes = new ArrayList<>();
    for (SetBasedSql.Staging staging : SetBasedSql.Staging.values()) {
      String target = staging == SetBasedSql.Staging.ONE_CONNECTION ? "tgt_limit" : "tgt_limit2";
      upserts.add(() -> limit(UPSERT, "binary COPY to staging + INSERT ... ON CONFLICT (keys) DO UPDATE, " + staging.label,
          db -> setBased.upsert(db, target, w.upsertFiles(), staging)));
      deletes.add(() -> limit(DELETE, "binary COPY of the keys to staging + ANALYZE + DELETE ... USING, " + staging.label,
          db -> setBased.delete(db, target, w.deleteFiles(), staging)));
    }
    out.addAll(step(UPSERT, upserts, () -> script(UPSERT, w.upsert(), "tgt_spark"), "UPSERT", w.upsert()));
    out.addAll(step(DELETE, deletes, () -> script(DELETE, w.deletes(), "tgt_spark"), "DELETE", w.deletes()));
    out.addAll(replaceStep(w));

    // same operation on a quarter of the rows: the heap retained must not grow with the row count
    Measurement qBase = sparkWriter(INSERT_QUARTER, w.quarter(), "tgt_q_spark", false);
    out.add(qBase);
    out.addAll(withRatios(bridge(INSERT_QUARTER, "INSERT", w.quarter(), "tgt_q_bridge"), null, qBase));

    Map<String, Fingerprint> targets = new LinkedHashMap<>();
    for (String t : List.of("tgt_limit", "tgt_limit2", "tgt_spark", "tgt_bridge")) {
      targets.put(t, fingerprint(t));
    }
    return latency(out, targets, w, latencyEvents);
  }

  /**
   * INSERT has two limits and two baselines. The limit: one COPY of every row straight into the target, one stream
   * and one transaction as the bridge's direct insert, in binary and in text format (the faster is the limit).
   * The atomic limit, the least an all-or-nothing load through a staging table must do: binary COPY into staging
   * + one INSERT ... SELECT, staged on one connection or on two (the faster is the atomic limit). Spark's writer
   * with default options, and tuned as a knowledgeable user would (batched multi-row inserts, larger batches).
   */
  private List<Measurement> insertStep(Workload w) throws Exception {
    Limit limit = fastest(LIMIT, List.of(
        limit(INSERT, "COPY FROM STDIN (FORMAT binary), one stream",
            db -> copyInto(db, "tgt_limit", PgCopy.Format.BINARY, w.fullFiles().whole())),
        limit(INSERT, "COPY FROM STDIN (text), one stream",
            db -> copyInto(db, "tgt_limit2", PgCopy.Format.TEXT, w.fullText()))));
    List<Measurement> atomics = new ArrayList<>();
    for (SetBasedSql.Staging staging : SetBasedSql.Staging.values()) {
      String target = staging == SetBasedSql.Staging.ONE_CONNECTION ? "tgt_atomic" : "tgt_atomic2";
      atomics.add(limit(INSERT, "binary COPY to staging + INSERT ... SELECT, " + staging.label,
          db -> setBased.insert(db, target, w.fullFiles(), staging)));
    }
    Limit atomic = fastest(ATOMIC, atomics);
    Measurement base = sparkWriter(INSERT, w.full(), "tgt_spark", false).withRatios(limit.best(), null).withSecondRatios(atomic.best(), null);
    Measurement tuned = sparkWriter(INSERT, w.full(), "tgt_tuned", true).withRatios(limit.best(), base).withSecondRatios(atomic.best(), null);
    Fingerprint expected = fingerprint("tgt_limit");
    for (String t : List.of("tgt_limit2", "tgt_atomic", "tgt_atomic2", "tgt_spark", "tgt_tuned")) {
      if (!fingerprint(t).equals(expected)) {
        throw new IllegalStateException("after INSERT, " + t + " holds " + fingerprint(t) + " but tgt_limit holds " + expected);
      }
    }
    for (String t : INSERT_ONLY) {
      db.execute("TRUNCATE " + t);
    }
    List<Measurement> out = new ArrayList<>(limit.rows());
    for (Measurement m : atomic.rows()) {
      Measurement a = m.withRatios(limit.best(), null);
      out.add(m == atomic.best() ? a : a.withSecondRatios(atomic.best(), null));
    }
    out.add(base);
    out.add(tuned);
    for (Measurement m : bridge(INSERT, "INSERT", w.full(), "tgt_bridge")) {
      out.add(m.withRatios(limit.best(), base).withSecondRatios(atomic.best(), tuned));
    }
    return out;
  }

  /**
   * REPLACE of every row by the quarter set, on targets that hold the same rows (checked first). The limit's
   * forms: staging on one connection or two, times emptying by DELETE (the bridge's statement) or by TRUNCATE
   * (transactional in PostgreSQL), each on its own target; the TRUNCATE forms run on the INSERT-only targets,
   * refilled untimed; the bridge runs the event as configured by default (DELETE) and, on a target of its own, with
   * {@code sync.bulk.replace = truncate}. The baseline is what Spark users write for a full refresh: the JDBC writer's overwrite with
   * {@code truncate=true}, tuned as for INSERT; it is not atomic (a reader can see the table empty or half loaded).
   */
  private List<Measurement> replaceStep(Workload w) throws Exception {
    Fingerprint expected = fingerprint("tgt_limit");
    for (String t : REPLACE_ONLY) {
      db.execute("INSERT INTO " + t + " SELECT * FROM tgt_limit");
    }
    for (String t : List.of("tgt_limit2", "tgt_atomic", "tgt_atomic2", "tgt_bridge_truncate", "tgt_spark", "tgt_bridge")) {
      if (!fingerprint(t).equals(expected)) {
        throw new IllegalStateException("before REPLACE, " + t + " holds " + fingerprint(t) + " but tgt_limit holds " + expected);
      }
    }
    List<Callable<Measurement>> forms = new ArrayList<>();
    for (SetBasedSql.Emptying emptying : SetBasedSql.Emptying.values()) {
      for (SetBasedSql.Staging staging : SetBasedSql.Staging.values()) {
        boolean one = staging == SetBasedSql.Staging.ONE_CONNECTION;
        String target = emptying == SetBasedSql.Emptying.DELETE ? (one ? "tgt_limit" : "tgt_limit2") : (one ? "tgt_atomic" : "tgt_atomic2");
        forms.add(() -> limit(REPLACE, "binary COPY to staging + " + emptying.sql.trim() + " + INSERT ... SELECT, " + staging.label,
            db -> setBased.replace(db, target, w.quarterFiles(), staging, emptying)));
      }
    }
    List<Measurement> out = new ArrayList<>(step(REPLACE, forms, () -> sparkOverwrite(REPLACE, w.quarter(), "tgt_spark"), "REPLACE",
        w.quarter()));
    // the owner's faster form, on its own target: the same event with sync.bulk.replace = truncate
    Measurement limit = out.stream().filter(m -> m.path().startsWith(LIMIT + ": ")).findFirst().orElseThrow();
    Measurement base = out.stream().filter(m -> m.role() == Role.BASELINE).findFirst().orElseThrow();
    for (Measurement m : bridge(REPLACE, "REPLACE", w.quarter(), "tgt_bridge_truncate", Map.of("sync.bulk.replace", "truncate"),
        " with sync.bulk.replace = truncate")) {
      out.add(m.withRatios(limit, base).withSecondRatios(limit, null));
    }
    Fingerprint replaced = fingerprint("tgt_limit");
    for (String t : REPLACE_ONLY) {
      Fingerprint f = fingerprint(t);
      if (f.rows() > 0 && !f.equals(replaced)) {
        throw new IllegalStateException("after REPLACE, " + t + " holds " + f + " but tgt_limit holds " + replaced);
      }
      db.execute("TRUNCATE " + t);
    }
    return out;
  }

  /** Spark's full refresh: overwrite with {@code truncate=true} (keeps the table and its key), tuned as for INSERT. */
  private Measurement sparkOverwrite(String group, Path source, String target) throws Exception {
    java.util.Properties props = new java.util.Properties();
    props.putAll(db.connection().driverProperties());
    props.setProperty("reWriteBatchedInserts", "true");
    props.setProperty("batchsize", String.valueOf(TUNED_BATCH));
    props.setProperty("truncate", "true");
    settle();
    Timed<Void> t = meter.measure(() -> {
      spark.read().format("delta").load(source.toString()).write().mode(SaveMode.Overwrite).jdbc(db.url(), target, props);
      return null;
    });
    return Measurement.of(group, "baseline: Spark JDBC writer, overwrite with truncate=true, tuned (not atomic)", Role.BASELINE,
        db.count(target), t.usage());
  }

  private static long copyInto(TestDatabase db, String target, PgCopy.Format format, Path file) throws Exception {
    try (Connection c = db.open()) {
      return PgCopy.load(c, target, format, file);
    }
  }

  /**
   * One operation on the three chains, in order limit (each of its forms), baseline, bridge; ratios against
   * the fastest limit form and the baseline.
   */
  private List<Measurement> step(String group, List<Callable<Measurement>> limitForms, Callable<Measurement> baseline,
      String operation, Path source) throws Exception {
    List<Measurement> forms = new ArrayList<>();
    for (Callable<Measurement> form : limitForms) {
      forms.add(form.call());
    }
    Limit limit = fastest(LIMIT, forms);
    Measurement base = baseline.call().withRatios(limit.best(), null);
    List<Measurement> out = new ArrayList<>(limit.rows());
    out.add(base);
    // the keyed limits already stage and apply all or nothing: they are the atomic limits too
    for (Measurement m : bridge(group, operation, source, "tgt_bridge")) {
      out.add(m.withRatios(limit.best(), base).withSecondRatios(limit.best(), null));
    }
    return out;
  }

  /** A limit's measured forms, renamed: {@code best} (the fastest) is the limit, the others are candidates. */
  record Limit(Measurement best, List<Measurement> rows) {}

  /**
   * Names the fastest of {@code forms} "{@code kind}: form" and the others "{@code kind} candidate (slower): form"
   * with their rate divided by the fastest's ("x limit" for a limit's forms; an atomic limit's candidates get
   * theirs in "x atomic" from the caller). Nothing is tuned down: the limit is whichever form ran fastest here.
   */
  static Limit fastest(String kind, List<Measurement> forms) {
    Measurement best = forms.stream().filter(Measurement::measured)
        .max(java.util.Comparator.comparingDouble(Measurement::rowsPerSecond)).orElseThrow();
    Measurement named = best.withPath(kind + ": " + best.path());
    List<Measurement> rows = new ArrayList<>();
    for (Measurement m : forms) {
      if (m == best) {
        rows.add(named);
      } else {
        Measurement slower = m.withPath(kind + CANDIDATE + ": " + m.path());
        rows.add(kind.equals(LIMIT) ? slower.withRatios(named, null) : slower);
      }
    }
    return new Limit(named, rows);
  }

  private Outcome latency(List<Measurement> out, Map<String, Fingerprint> targets, Workload w, int events) throws Exception {
    if (bridge.unavailableReason().isPresent()) {
      return new Outcome(out, targets, List.of(), "not measured: " + bridge.unavailableReason().get());
    }
    if (events == 0) {
      return new Outcome(out, targets, List.of(), "not measured: --latency-events 0");
    }
    List<Double> seconds = new ArrayList<>();
    Path small = w.full().resolveSibling("src_small");
    for (Duration d : bridge.latencies(spark, db, small, "tgt_latency", events)) {
      seconds.add(d.toMillis() / 1000.0);
    }
    return new Outcome(out, targets, seconds, "");
  }

  /** A limit's work, timed whole: it opens its own connection(s), as the bridge does. */
  private interface CopyWork {
    long run(TestDatabase db) throws Exception;
  }

  /**
   * Untimed, before every measured phase: vacuum and analyze the targets and checkpoint, so that no phase
   * pays for the autovacuum or checkpoint work a previous phase's writes left behind.
   */
  private void settle() {
    for (String t : TARGETS) {
      db.execute("VACUUM (ANALYZE) " + t);
    }
    db.execute("CHECKPOINT");
  }

  private Measurement limit(String group, String path, CopyWork work) throws Exception {
    settle();
    Timed<Long> t = meter.measure(() -> work.run(db));
    return Measurement.of(group, path, Role.LIMIT, t.value(), t.usage());
  }

  /**
   * Spark's JDBC writer. Tuned = what a knowledgeable PostgreSQL user sets: {@code reWriteBatchedInserts=true}
   * (the driver folds a batch into multi-row INSERTs) and {@code batchsize=10000} (default 1000). The SQL Server
   * counterpart is mssql-jdbc's {@code useBulkCopyForBatchInsert=true} (see the README's Performance section).
   */
  private Measurement sparkWriter(String group, Path source, String target, boolean tuned) throws Exception {
    long before = db.count(target);
    java.util.Properties props = new java.util.Properties();
    props.putAll(db.connection().driverProperties());
    if (tuned) {
      props.setProperty("reWriteBatchedInserts", "true");
      props.setProperty("batchsize", String.valueOf(TUNED_BATCH));
    }
    settle();
    Timed<Void> t = meter.measure(() -> {
      spark.read().format("delta").load(source.toString())
          .write().mode(SaveMode.Append).jdbc(db.url(), target, props);
      return null;
    });
    String path = tuned ? "baseline: Spark JDBC writer, tuned (reWriteBatchedInserts, batchsize " + TUNED_BATCH + ")"
        : "baseline: Spark JDBC writer, default options";
    return Measurement.of(group, path, Role.BASELINE, db.count(target) - before, t.usage());
  }

  private Measurement script(String group, Path source, String target) throws Exception {
    LongAccumulator affected = spark.sparkContext().longAccumulator(group);
    settle();
    Timed<Void> t = meter.measure(() -> {
      Dataset<Row> rows = spark.read().format("delta").load(source.toString());
      if (group.equals(DELETE)) {
        rows.foreachPartition(new JdbcScripts.Delete(db.connection(), target, Workload.KEYS, affected));
      } else {
        rows.foreachPartition(new JdbcScripts.Upsert(db.connection(), target, Workload.columns(), Workload.KEYS, affected));
      }
      return null;
    });
    return Measurement.of(group, "baseline: JDBC batches of " + JdbcScripts.BATCH + " by key", Role.BASELINE, affected.value(), t.usage());
  }

  private List<Measurement> bridge(String group, String operation, Path source, String target) throws Exception {
    return bridgeRows.rows(group, operation, source, target, Map.of(), "");
  }

  /** As above with {@code settings} over the bench's sync configuration, named by {@code variant} in the path. */
  private List<Measurement> bridge(String group, String operation, Path source, String target, Map<String, String> settings,
      String variant) throws Exception {
    return bridgeRows.rows(group, operation, source, target, settings, variant);
  }

  private static List<Measurement> withRatios(List<Measurement> ms, Measurement limit, Measurement baseline) {
    return ms.stream().map(m -> m.withRatios(limit, baseline)).toList();
  }

  Fingerprint fingerprint(String table) {
    return fingerprint(db, table);
  }

  /** Plain SQL both PostgreSQL and T-SQL run: the sum of line numbers in bigint (T-SQL's SUM of an int is an int). */
  static Fingerprint fingerprint(TestDatabase db, String table) {
    return db.query("SELECT COUNT(*), CAST(COALESCE(SUM(l_quantity), 0) AS varchar(40)), COALESCE(SUM(CAST(l_linenumber AS bigint)), 0) FROM "
        + table, rs -> {
          try {
            return new Fingerprint(rs.getLong(1), rs.getString(2), rs.getLong(3));
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        }).get(0);
  }
}
