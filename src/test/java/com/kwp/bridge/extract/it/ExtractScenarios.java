package com.kwp.bridge.extract.it;

import static com.kwp.bridge.extract.it.ExtractFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ExtractFailedException;
import com.kwp.bridge.extract.JdbcReader;
import com.kwp.bridge.extract.PartitionPlan;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestSpark;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ExtractJob end to end against a real database, written once and bound to PostgreSQL and SQL Server by
 * thin subclasses. One database per class; each test uses its own tables and folders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExtractScenarios {
  protected TestDatabase db;
  protected final SparkSession spark = TestSpark.session();

  protected abstract TestDatabase newDatabase();

  protected abstract SourceSql sourceSql();

  @BeforeAll
  void start() {
    db = newDatabase();
  }

  @AfterAll
  void stop() {
    db.close();
  }

  private ExtractFixture twoCountries(String table) {
    ExtractFixture f = new ExtractFixture(db, sourceSql());
    f.createSales(table);
    f.insertSales(table, "CO", 1, 3000);
    f.insertSales(table, "MX", 3001, 5000);
    f.conf("common.conf", "params { schema = \"" + db.schema() + "\", sales_table = " + table + ", factor = \"factor_rw1 AS factor_rw\" }\n"
        + "extract.queries.ventas { partition-column = id_transaccion, num-partitions = 3 }\n");
    f.conf("Colombia.conf", "params { country_code = CO }");
    f.conf("Mexico.conf", "params { country_code = MX }");
    f.query("ventas", "SELECT id_transaccion, \"id hogar\", fecha, fecha_hora, {factor}, monto_total, año, nota\n"
        + "FROM {schema}.{sales_table} WHERE pais = '{country_code}'");
    return f;
  }

  /**
   * Same schema (names, types, nullability) and the same multiset of rows, compared by Spark on the
   * executors. spark-testing-base's assertDataFrameEquals was tried first: its closure serializes the suite
   * object, which needs Hive classes this build excludes (NoClassDefFoundError HiveConf$ConfVars).
   */
  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    Dataset<Row> e = withoutMetadata(expected);
    Dataset<Row> a = withoutMetadata(actual);
    assertEquals(e.schema(), a.schema());
    assertTrue(e.exceptAll(a).isEmpty(), "rows missing from the output");
    assertTrue(a.exceptAll(e).isEmpty(), "rows in the output that the source does not have");
  }

  /** Spark's JDBC source adds column metadata (scale, signedness) that files do not keep. */
  private static Dataset<Row> withoutMetadata(Dataset<Row> df) {
    StructType plain = new StructType();
    for (StructField f : df.schema().fields()) {
      plain = plain.add(f.name(), f.dataType(), f.nullable());
    }
    return df.sparkSession().createDataFrame(df.javaRDD(), plain);
  }

  private Dataset<Row> source(String sql) {
    Properties p = db.connection().driverProperties();
    return spark.read().jdbc(db.url(), "(" + sql + ") src", p);
  }

  /**
   * Whichever path reads a query (binary COPY on PostgreSQL, Spark's JDBC source on SQL Server), the DataFrame
   * (schema with its metadata, every value) and the Parquet and Delta outputs are what Spark's own JDBC reader
   * gives for the same table: every supported type, NULLs, extremes, rounding, names with spaces and accents.
   */
  @Test
  void everySupportedTypeReadsAsSparksJdbcReaderReadsIt() {
    String table = TestDatabase.uniqueName("tipos");
    db.execute(sourceSql().everyTypeTable(db.qualified(table)).toArray(String[]::new));
    String sql = "SELECT * FROM " + db.qualified(table);
    Dataset<Row> expected = source(sql);
    var reads = Dialects.forUrl(db.url()).reads();
    PartitionPlan plan = new PartitionPlan(List.of(reads.rangePredicate("id", null, "1000"), reads.rangePredicate("id", "1000", "2000"),
        reads.rangePredicate("id", "2000", null)), "three ranges");
    Dataset<Row> read = new JdbcReader(db.connection(), Dialects.forUrl(db.url())).dataFrame(spark, sql, plan, 1000);
    boolean binaryCopy = db.url().startsWith("jdbc:postgresql:");
    assertEquals(binaryCopy, read.queryExecution().executedPlan().toString().contains("PostgreSQL binary COPY"),
        "binary COPY on PostgreSQL, Spark's JDBC source elsewhere: " + read.queryExecution().executedPlan());
    assertEquals(expected.schema(), read.schema(), "the schema, metadata included");
    assertEquals(3003, read.count());
    assertTrue(expected.exceptAll(read).isEmpty(), "rows Spark's reader has that the bridge's read lacks");
    assertTrue(read.exceptAll(expected).isEmpty(), "rows the bridge's read has that Spark's reader does not");

    ExtractFixture f = new ExtractFixture(db, sourceSql());
    f.conf("common.conf", "params { t = \"" + db.schema() + "." + table + "\" }\n"
        + "extract.queries.tipos { partition-column = id, num-partitions = 3 }\n");
    f.conf("Colombia.conf", "params {}");
    f.conf("Mexico.conf", "params {}");
    f.query("tipos", "SELECT * FROM {t}");
    QueryResult parquet = result(f.extract("Colombia"), "tipos");
    assertEquals(3003, parquet.rowsWritten());
    assertSameRows(expected, spark.read().parquet(parquet.destination()));
    QueryResult delta = result(f.extract("Mexico", "--format", "delta"), "tipos");
    assertEquals(3003, delta.rowsWritten());
    assertSameRows(expected, spark.read().format("delta").load(delta.destination()));
  }

  @Test
  void fullRunsForTwoCountriesKeepEveryRowNameNullDecimalDateAndTimestamp() {
    String table = TestDatabase.uniqueName("ventas");
    ExtractFixture f = twoCountries(table);
    QueryResult co = result(f.extract("Colombia"), "ventas");
    assertEquals(QueryResult.Status.OK, co.status());
    assertEquals(3000, co.rowsRead());
    assertEquals(3000, co.rowsWritten());
    assertEquals(4, co.partitions(), "3 ranges + NULLs");
    Dataset<Row> parquet = spark.read().parquet(co.destination());
    String select = "SELECT id_transaccion, \"id hogar\", fecha, fecha_hora, factor_rw1 AS factor_rw, monto_total, año, nota FROM "
        + db.qualified(table) + " WHERE pais = 'CO'";
    assertSameRows(source(select).orderBy("id_transaccion"), parquet.orderBy("id_transaccion"));
    assertEquals(300, parquet.filter("`id hogar` IS NULL").count());

    QueryResult mx = result(f.extract("Mexico", "--format", "delta"), "ventas");
    assertEquals(2000, mx.rowsWritten());
    Dataset<Row> delta = spark.read().format("delta").load(mx.destination());
    assertTrue(List.of(delta.columns()).containsAll(List.of("id hogar", "año", "factor_rw")));
    assertSameRows(source(select.replace("'CO'", "'MX'")).orderBy("id_transaccion"),
        delta.orderBy("id_transaccion"));
    assertEquals(2, spark.read().format("delta").load(f.runs.toString()).filter("query = 'ventas' AND status = 'OK'").count());
  }

  @Test
  void schemaDestinationGetsAManagedDeltaTableWithColumnMapping() {
    String table = TestDatabase.uniqueName("ventas");
    ExtractFixture f = twoCountries(table);
    String schema = TestDatabase.uniqueName("bronze");
    spark.sql("CREATE SCHEMA " + schema);
    QueryResult r = result(f.extractTo(schema, "Colombia"), "ventas");
    assertEquals(schema + ".`ventas`", r.destination());
    assertEquals("delta", r.format());
    Dataset<Row> t = spark.table(schema + ".ventas");
    assertEquals(3000, t.count());
    assertEquals(2700, t.filter("`id hogar` IS NOT NULL").count());
    assertEquals(QueryResult.Status.SKIPPED, result(f.extractTo(schema, "Colombia"), "ventas").status());
  }

  @Test
  void everyWriteMode() {
    String table = TestDatabase.uniqueName("ventas");
    ExtractFixture f = twoCountries(table);
    assertEquals(QueryResult.Status.OK, result(f.extract("Colombia"), "ventas").status());
    db.execute("DELETE FROM " + db.qualified(table) + " WHERE id_transaccion > 2000 AND pais = 'CO'");

    QueryResult skipped = result(f.extract("Colombia"), "ventas");
    assertEquals(QueryResult.Status.SKIPPED, skipped.status());
    assertEquals(3000, spark.read().parquet(skipped.destination()).count(), "skip-existing leaves the output alone");

    QueryResult overwritten = result(f.extract("Colombia", "--overwrite"), "ventas");
    assertEquals(2000, overwritten.rowsWritten());
    assertEquals(2000, spark.read().parquet(overwritten.destination()).count());

    QueryResult appended = result(f.extract("Colombia", "--conf", "extract.mode=append"), "ventas");
    assertEquals(2000, appended.rowsWritten());
    assertEquals(4000, spark.read().parquet(appended.destination()).count());
  }

  @Test
  void incrementalTwiceThenDroppedDestinationReloadsFully() throws Exception {
    String table = TestDatabase.uniqueName("ventas");
    ExtractFixture f = twoCountries(table);
    f.conf("common.conf", "params { schema = \"" + db.schema() + "\", sales_table = " + table + ", factor = \"factor_rw1 AS factor_rw\" }\n"
        + "extract { format = delta, queries.ventas { partition-column = id_transaccion, num-partitions = 3, mode = incremental,"
        + " incremental-column = fecha_hora, lookback = \"10 minutes\", keys = [id_transaccion] } }\n");
    QueryResult first = result(f.extract("Colombia"), "ventas");
    assertEquals(3000, first.rowsWritten());
    assertEquals(null, first.watermarkFrom());

    // new rows after the watermark, plus a late change to a row inside the lookback window
    f.insertSales(table, "CO", 10001, 10500);
    db.execute("UPDATE " + db.qualified(table) + " SET monto_total = -1 WHERE id_transaccion = 2995");
    QueryResult second = result(f.extract("Colombia"), "ventas");
    assertEquals("2024-01-03T10:00", first.watermarkTo());
    assertEquals("2024-01-03T09:50", second.watermarkFrom(), "watermark minus 10 minutes of lookback");
    assertEquals(510, second.rowsRead(), "500 new rows + 10 inside the lookback");
    assertEquals(510, second.rowsWritten());
    Dataset<Row> delta = spark.read().format("delta").load(second.destination());
    assertEquals(3500, delta.count());
    assertEquals(3500, delta.select("id_transaccion").distinct().count(), "lookback rows were merged, not doubled");
    assertEquals(1, delta.filter("id_transaccion = 2995 AND monto_total = -1").count());

    QueryResult third = result(f.extract("Colombia"), "ventas");
    assertEquals(10, third.rowsRead(), "only the lookback window is read again when nothing is new");

    org.apache.commons.io.FileUtils.deleteDirectory(new java.io.File(second.destination()));
    QueryResult reload = result(f.extract("Colombia"), "ventas");
    assertEquals(null, reload.watermarkFrom());
    assertEquals(3500, reload.rowsWritten(), "a dropped destination reloads fully");
  }

  @Test
  void parquetIncrementalAppendsOnlyNewRows() {
    String table = TestDatabase.uniqueName("ventas");
    ExtractFixture f = twoCountries(table);
    String conf = "extract.queries.ventas { mode = incremental, incremental-column = id_transaccion }";
    assertEquals(3000, result(f.extract("Colombia", "--conf", "extract.queries.ventas.mode=incremental",
        "--conf", "extract.queries.ventas.incremental-column=id_transaccion"), "ventas").rowsWritten());
    f.insertSales(table, "CO", 20001, 20100);
    QueryResult second = result(f.extract("Colombia", "--conf", "extract.queries.ventas.mode=incremental",
        "--conf", "extract.queries.ventas.incremental-column=id_transaccion"), "ventas");
    assertEquals("3000", second.watermarkFrom(), conf);
    assertEquals(100, second.rowsWritten());
    assertEquals(3100, spark.read().parquet(second.destination()).count());
  }

  @Test
  void badInputsFailClearlyAndKeepTheOtherQueriesOutputs() {
    String table = TestDatabase.uniqueName("ventas");
    ExtractFixture f = twoCountries(table);
    f.query("sin_param", "SELECT * FROM {schema}.{sales_table} WHERE pais = '{region}'");
    f.query("sin_tabla", "SELECT * FROM {schema}.no_such_table_" + table);
    ExtractFailedException e = assertThrows(ExtractFailedException.class, () -> f.extract("Colombia"));
    assertEquals(List.of("sin_param", "sin_tabla"), e.failedQueries());
    assertTrue(e.getMessage().contains("{region}") && e.getMessage().contains("sin_param.sql")
        && e.getMessage().contains("BRIDGE_PARAM_region"), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("no_such_table_" + table), e.getMessage());
    assertEquals(3000, spark.read().parquet(f.out.resolve("Colombia").resolve("ventas").toString()).count(), "the good query was written");
    assertTrue(f.lastSummary.lines().anyMatch(l -> l.startsWith("sin_tabla ") && l.contains("FAILED")), f.lastSummary);

    ConfigException unknown = assertThrows(ConfigException.class, () -> f.extract("Peru", "--overwrite"));
    assertTrue(unknown.getMessage().contains("Colombia, Mexico"), unknown.getMessage());
    assertEquals(3000, spark.read().parquet(f.out.resolve("Colombia").resolve("ventas").toString()).count(), "outputs intact");
  }

  @Test
  void millionRowsOverSeveralPartitions() {
    String table = TestDatabase.uniqueName("big");
    ExtractFixture f = new ExtractFixture(db, sourceSql());
    f.createSales(table);
    f.insertSales(table, "CO", 1, 1_000_000);
    f.conf("common.conf", "params { t = \"" + db.schema() + "." + table + "\" }\n"
        + "extract.queries.big { partition-column = fecha, num-partitions = 4 }\n");
    f.conf("Colombia.conf", "params {}");
    f.query("big", "SELECT * FROM {t}");
    QueryResult r = result(f.extract("Colombia"), "big");
    assertEquals(1_000_000, r.rowsRead());
    assertEquals(1_000_000, r.rowsWritten());
    assertEquals(5, r.partitions());
  }
}
