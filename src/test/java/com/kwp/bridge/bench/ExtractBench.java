package com.kwp.bridge.bench;

import com.kwp.bridge.bench.Measurement.Role;
import com.kwp.bridge.bench.PhaseMeter.Timed;
import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Extract of {@code lineitem}: the database's dump rate (the limit: {@code COPY (SELECT * FROM lineitem) TO STDOUT}
 * drained to nowhere, in text and in binary format, the faster of the two),
 * Spark's JDBC source with default options (one partition) to Parquet and to Delta (the baseline), and
 * the bridge to Parquet and Delta with each partition count.
 */
final class ExtractBench {
  static final String GROUP = "extract lineitem";
  private final SparkSession spark;
  private final TestDatabase db;
  private final PhaseMeter meter;
  private final Path work;
  private final BridgeExtract bridge;
  private final String group;
  private final String table;

  ExtractBench(SparkSession spark, TestDatabase db, PhaseMeter meter, Path work, BridgeExtract bridge) {
    this(spark, db, meter, work, bridge, GROUP, Workload.TABLE);
  }

  /** The same paths on another server's copy of lineitem, named {@code table} in {@code db}'s schema, as rows of {@code group}. */
  ExtractBench(SparkSession spark, TestDatabase db, PhaseMeter meter, Path work, BridgeExtract bridge, String group, String table) {
    this.spark = spark;
    this.db = db;
    this.meter = meter;
    this.work = work;
    this.bridge = bridge;
    this.group = group;
    this.table = table;
  }

  List<Measurement> run(List<Integer> partitionCounts) throws Exception {
    List<Measurement> out = new ArrayList<>();
    Measurement text = limit(PgCopy.Format.TEXT);
    Measurement binary = limit(PgCopy.Format.BINARY);
    boolean binaryFaster = binary.rowsPerSecond() > text.rowsPerSecond();
    Measurement limit = named("limit: ", binaryFaster ? binary : text);
    Measurement slower = named("limit candidate (slower): ", binaryFaster ? text : binary).withRatios(limit, null);
    out.addAll(binaryFaster ? List.of(slower, limit) : List.of(limit, slower)); // in the order measured: text, then binary
    out.addAll(compare(limit, partitionCounts, true));
    return out;
  }

  /**
   * Per format (Parquet, then Delta): Spark's default reader, then the bridge with each partition count (and
   * the automatic choice when {@code automatic}), every row divided by {@code limit} and by that format's reader.
   */
  List<Measurement> compare(Measurement limit, List<Integer> partitionCounts, boolean automatic) throws Exception {
    List<Measurement> out = new ArrayList<>();
    for (String format : List.of("parquet", "delta")) {
      Measurement baseline = sparkDefault(format).withRatios(limit, null);
      out.add(baseline);
      for (int n : partitionCounts) {
        out.add(bridge(format, n).withRatios(limit, baseline));
      }
      if (automatic) {
        out.add(bridgeAutomatic(format).withRatios(limit, baseline));
      }
    }
    return out;
  }

  /** One form of the limit: the whole table through one COPY, every byte read by the driver and discarded. */
  private Measurement limit(PgCopy.Format format) throws Exception {
    Timed<Long> t = meter.measure(() -> {
      try (Connection c = db.open()) {
        return PgCopy.dumpToNowhere(c, "SELECT * FROM " + Workload.TABLE, format);
      }
    });
    String sql = PgCopy.copyOutSql("SELECT * FROM " + Workload.TABLE, format) + (format == PgCopy.Format.TEXT ? " (text)" : "");
    return Measurement.of(group, sql + ", drained",
        Role.LIMIT, t.value(), t.usage());
  }

  private static Measurement named(String prefix, Measurement m) {
    return m.withPath(prefix + m.path());
  }

  private Measurement sparkDefault(String format) throws Exception {
    Path dest = work.resolve("spark-jdbc-" + format);
    Timed<Void> t = meter.measure(() -> {
      spark.read().jdbc(db.url(), db.qualified(table), db.connection().driverProperties())
          .write().format(format).save(dest.toString());
      return null;
    });
    long rows = spark.read().format(format).load(dest.toString()).count();
    Files2.deleteTree(dest);
    return Measurement.of(group, "baseline: Spark JDBC default -> " + format, Role.BASELINE, rows, t.usage());
  }

  private Measurement bridge(String format, int partitions) throws Exception {
    String path = "bridge -> " + format + ", " + partitions + " partition" + (partitions == 1 ? "" : "s");
    if (bridge.unavailableReason().isPresent()) {
      return Measurement.notMeasured(group, path, Role.BRIDGE, bridge.unavailableReason().get());
    }
    Path dest = work.resolve("bridge-" + format + "-" + partitions);
    Timed<Long> t = meter.measure(() -> bridge.extract(spark, db, table, format, partitions, dest));
    long written = spark.read().format(format).load(dest.resolve(table).toString()).count();
    Files2.deleteTree(dest);
    Measurement m = Measurement.of(group, path, Role.BRIDGE, written, t.usage());
    return t.value() == written ? m : m.withNote("bridge reported " + t.value() + " rows, output holds " + written);
  }

  /** The table by name with no partition options: what the bridge chooses by itself, next to the hand-tuned rows. */
  private Measurement bridgeAutomatic(String format) throws Exception {
    String path = "bridge -> " + format + ", automatic (--table, no partition options)";
    if (bridge.unavailableReason().isPresent()) {
      return Measurement.notMeasured(group, path, Role.BRIDGE, bridge.unavailableReason().get());
    }
    Path dest = work.resolve("bridge-" + format + "-auto");
    Timed<BridgeExtract.Automatic> t = meter.measure(() -> bridge.extractAutomatic(spark, db, table, format, dest));
    long written = spark.read().format(format).load(dest.resolve(table).toString()).count();
    Files2.deleteTree(dest);
    Measurement m = Measurement.of(group, path, Role.BRIDGE, written, t.usage())
        .withNote("chose " + t.value().partitions() + " Spark partitions");
    return t.value().rowsWritten() == written ? m : m.withNote("bridge reported " + t.value().rowsWritten() + " rows, output holds " + written);
  }
}
