package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.jdbc.ColumnInfo;
import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.jdbc.TableProbe;
import com.kwp.bridge.jdbc.bulk.BulkColumn;
import com.kwp.bridge.jdbc.bulk.PartitionLoader;
import com.kwp.bridge.jdbc.bulk.BulkLoad;
import com.kwp.bridge.testing.TestDatabases;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * 1M-row INSERT and UPSERT through the stream, and the measurement of the bulk path (COPY) against Spark's
 * generic JDBC writer on the same rows (printed, never asserted; only with {@code -Dbridge.bench=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncBulkPostgresIT {
  static final int ROWS = 1_000_000;
  SyncFixture f;
  String source;

  @BeforeAll
  void setUp() {
    f = new SyncFixture(TestDatabases.postgres());
    source = f.dir.resolve("src_million").toString();
    writeRows(source, 1, "concat('label ', id)");
  }

  /** ROWS generated rows with ids from {@code firstId}, in 2 files (2 partitions to load). */
  void writeRows(String path, long firstId, String labelExpr) {
    f.spark.range(firstId, firstId + ROWS, 1, 2).selectExpr("id", "CAST(id % 97 AS INT) AS grp", "CAST(id / 7.0 AS DECIMAL(18,4)) AS amount",
        labelExpr + " AS label", "timestamp_seconds(1700000000 + id) AS ts").write().format("delta").save(path);
  }

  @AfterAll
  void tearDown() {
    f.db.close();
  }

  String table(String name) {
    f.db.execute("CREATE TABLE " + f.db.qualified(name) + " (id bigint PRIMARY KEY, grp integer, amount numeric(18,4), label text, ts timestamp)");
    return f.db.schema() + "." + name;
  }

  /** Both events in one stream run (one batch, applied in submission order): the run's fixed costs are paid once. */
  @Test
  void aMillionRowInsertThenAMillionRowUpsertThroughTheStream() {
    table("million");
    String changed = f.dir.resolve("src_million_changed").toString();
    writeRows(changed, ROWS / 2 + 1, "'changed'");
    String ins = f.submit("INSERT", source, "million", null, "team");
    String ups = f.submit("UPSERT", changed, "million", List.of("id"), "team");
    f.runSync();
    assertEquals("completed", f.status(ins).getAs("status"), () -> String.valueOf((Object) f.status(ins).getAs("error_message")));
    assertEquals((long) ROWS, (long) f.status(ins).getAs("rows_affected"));
    assertEquals("completed", f.status(ups).getAs("status"), () -> String.valueOf((Object) f.status(ups).getAs("error_message")));
    // 500k keys exist (updated), 500k are new (inserted): 1M rows affected.
    assertEquals(1_000_000L, (long) f.status(ups).getAs("rows_affected"));
    assertEquals(1_500_000L, f.db.count(f.db.qualified("million")));
    assertEquals(List.of("1000000"), f.rows("SELECT COUNT(*) FROM " + f.db.qualified("million") + " WHERE label = 'changed'"));
  }

  /**
   * Same 1M rows, same empty table shape: our COPY path vs df.write().jdbc() with default options. A
   * measurement, not a check, so it runs only when asked: {@code -Dbridge.bench=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "bridge.bench", matches = "true")
  void measureCopyPathAgainstSparkJdbcWriter() throws Exception {
    Dataset<Row> rows = f.spark.read().format("delta").load(source).cache();
    rows.count();
    TableName copyTable = TableName.parse(table("bench_copy"));
    table("bench_jdbc");
    SqlDialect dialect = f.db.dialect();
    List<ColumnInfo> cols;
    try (Connection c = f.db.open()) {
      cols = TableProbe.columns(new SqlRunner(c, dialect), copyTable);
    }
    List<BulkColumn> bulk = new ArrayList<>();
    for (ColumnInfo ci : cols) {
      bulk.add(new BulkColumn(ci.name(), ci.jdbcType(), ci.typeName(), ci.precision(), ci.scale(), List.of(rows.columns()).indexOf(ci.name())));
    }
    long t0 = System.nanoTime();
    PartitionLoader.load(rows, new BulkLoad(f.db.connection(), dialect, copyTable, bulk, 100_000, 0, false), f.spark.sparkContext().longAccumulator());
    double copySeconds = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    rows.write().mode("append").jdbc(f.db.url(), f.db.qualified("bench_jdbc"), f.db.connection().driverProperties());
    double jdbcSeconds = (System.nanoTime() - t1) / 1e9;
    assertEquals((long) ROWS, f.db.count(f.db.qualified("bench_copy")));
    assertEquals((long) ROWS, f.db.count(f.db.qualified("bench_jdbc")));
    System.out.printf("BENCH sync bulk path: %d rows, %d partitions; COPY %.1f s = %.0f rows/s; Spark JDBC writer %.1f s = %.0f rows/s; ratio %.2fx%n",
        ROWS, rows.rdd().getNumPartitions(), copySeconds, ROWS / copySeconds, jdbcSeconds, ROWS / jdbcSeconds, jdbcSeconds / copySeconds);
    rows.unpersist();
  }
}
