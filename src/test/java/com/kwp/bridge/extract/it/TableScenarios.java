package com.kwp.bridge.extract.it;

import static com.kwp.bridge.extract.it.ExtractFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.cli.BridgeCli;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ExtractFailedException;
import com.kwp.bridge.extract.DataFrameExtract;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.sync.BridgeOperator;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tables extracted by name (no .sql file): placeholders in names, automatic partitioning on integer, date,
 * text, missing and skewed keys, automatic watermarks, binary watermarks, and notebook DataFrames. Written
 * once, bound to PostgreSQL and SQL Server by thin subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TableScenarios {
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

  private boolean postgres() {
    return db.dialect().name().equals("postgresql");
  }

  /**
   * Fresh statistics, so the row estimate is known (SQL Server keeps its partition stats current by itself).
   * Babelfish reports -1 rows in sys.partitions until autovacuum analyzes a table and refuses UPDATE
   * STATISTICS; the metadata reader then counts up to 100,000 rows, which covers every table here.
   */
  protected void analyze(String table) {
    if (postgres()) {
      db.execute("ANALYZE " + db.qualified(table));
    }
  }

  private String varchar() {
    return postgres() ? "varchar(20)" : "nvarchar(20)";
  }

  private ExtractFixture fixture(String commonConf) {
    ExtractFixture f = new ExtractFixture(db, sourceSql());
    f.conf("common.conf", "params { schema = \"" + db.schema() + "\" }\n" + commonConf);
    f.conf("Colombia.conf", "params { country_code = co }");
    return f;
  }

  /** list-queries --country as a user runs it: what automatic planning chose and why, per table. */
  private String listQueries(ExtractFixture f) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(ps);
      BridgeCli.main(new String[] {"list-queries", "--queries-path", f.queries.toString(), "--config-path", f.conf.toString(),
          "--country", "Colombia", "--conf", "source.url=" + db.url(), "--conf", "source.username=" + db.connection().user(),
          "--conf", "source.password=" + db.connection().password().reveal()});
    } finally {
      System.setOut(old);
    }
    String text = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    return text;
  }

  private static String block(String listing, String table) {
    int i = listing.indexOf(table + " ");
    assertTrue(i >= 0, listing);
    int end = listing.indexOf("\n", listing.indexOf("watermark:", i));
    return listing.substring(i, end < 0 ? listing.length() : end);
  }

  @Test
  void tablesByNameWithAndWithoutPlaceholdersAndFromTheCommandLine() {
    String prefix = TestDatabase.uniqueName("ventas");
    ExtractFixture f = fixture("extract.tables {\n"
        + "  ventas_co { table = \"{schema}." + prefix + "_{country_code}\", columns = [id_transaccion, \"id hogar\", fecha], where = \"pais = 'CO'\" }\n"
        + "  ventas_todo { table = \"" + db.schema() + "." + prefix + "_co\" }\n"
        + "}\n");
    f.createSales(prefix + "_co");
    f.insertSales(prefix + "_co", "CO", 1, 3000);
    f.insertSales(prefix + "_co", "MX", 3001, 4000);
    analyze(prefix + "_co");

    List<QueryResult> results = f.extract("Colombia");
    QueryResult co = result(results, "ventas_co");
    assertEquals(3000, co.rowsWritten(), "the where filter applies");
    Dataset<Row> out = spark.read().parquet(co.destination());
    assertEquals(List.of("id_transaccion", "id hogar", "fecha"), List.of(out.columns()));
    assertEquals(300, out.filter("`id hogar` IS NULL").count());
    assertEquals(4000, result(results, "ventas_todo").rowsWritten());
    assertEquals(2, spark.read().format("delta").load(f.runs.toString()).filter("query LIKE 'ventas_%' AND status = 'OK'").count(),
        "tables are recorded in the runs table like templates");

    QueryResult cli = result(f.extract("Colombia", "--table", db.schema() + "." + prefix + "_co"), prefix + "_co");
    assertEquals(4000, cli.rowsWritten(), "--table writes output <table>");

    f.query("ventas_co", "SELECT 1 AS x");
    ConfigException clash = assertThrows(ConfigException.class, () -> f.extract("Colombia"));
    assertTrue(clash.getMessage().contains("ventas_co") && clash.getMessage().contains("two sources"), clash.getMessage());

    f.delete("ventas_co");
    f.conf("Colombia.conf", "params { }");
    ExtractFailedException missing = assertThrows(ExtractFailedException.class, () -> f.extract("Colombia", "--query", "ventas_todo", "--query", "ventas_co", "--overwrite"));
    assertEquals(List.of("ventas_co"), missing.failedQueries());
    assertTrue(missing.getMessage().contains("{country_code}") && missing.getMessage().contains("BRIDGE_PARAM_country_code"), missing.getMessage());
  }

  @Test
  void automaticPartitioningOnIntegerDateTextMissingAndSkewedKeys() {
    String entero = TestDatabase.uniqueName("entero");
    String fecha = TestDatabase.uniqueName("fecha");
    String texto = TestDatabase.uniqueName("texto");
    String sinclave = TestDatabase.uniqueName("sinclave");
    String sesgo = TestDatabase.uniqueName("sesgo");
    String chica = TestDatabase.uniqueName("chica");
    SourceSql sql = sourceSql();
    db.execute("CREATE TABLE " + db.qualified(entero) + " (id bigint PRIMARY KEY, v int)",
        "INSERT INTO " + db.qualified(entero) + " SELECT g, CAST(g % 7 AS int) FROM " + sql.series(1, 10000),
        "CREATE TABLE " + db.qualified(fecha) + " (dia date PRIMARY KEY, n int)",
        "INSERT INTO " + db.qualified(fecha) + " SELECT " + sql.addDays("CAST('2020-01-01' AS DATE)", "CAST(g AS int)") + ", CAST(g AS int) FROM " + sql.series(0, 1999),
        "CREATE TABLE " + db.qualified(texto) + " (code " + varchar() + " PRIMARY KEY, n int)",
        "INSERT INTO " + db.qualified(texto) + " SELECT CONCAT('k', CAST(g AS " + varchar() + ")), CAST(g AS int) FROM " + sql.series(1, 10000),
        "CREATE TABLE " + db.qualified(sinclave) + " (a int, b " + varchar() + ")",
        "INSERT INTO " + db.qualified(sinclave) + " SELECT CAST(g AS int), 'x' FROM " + sql.series(1, 10000),
        "CREATE TABLE " + db.qualified(sesgo) + " (id bigint PRIMARY KEY, v int)",
        // 9,000 dense ids and 1,000 far away: equal-width ranges would put 90% of the rows in the first one
        "INSERT INTO " + db.qualified(sesgo) + " SELECT CASE WHEN g <= 9000 THEN g ELSE 1000000000 + g END, 1 FROM " + sql.series(1, 10000),
        "CREATE TABLE " + db.qualified(chica) + " (id bigint PRIMARY KEY)",
        "INSERT INTO " + db.qualified(chica) + " SELECT g FROM " + sql.series(1, 100));
    for (String t : List.of(entero, fecha, texto, sinclave, sesgo, chica)) {
      analyze(t);
    }
    StringBuilder tables = new StringBuilder("extract { target-rows-per-partition = 2500\n tables {\n");
    for (String t : List.of(entero, sinclave, sesgo, chica)) {
      tables.append("  ").append(t).append(" { table = \"{schema}.").append(t).append("\" }\n");
    }
    tables.append("  ").append(fecha).append(" { table = \"{schema}.").append(fecha).append("\", target-rows-per-partition = 500 }\n");
    tables.append("  ").append(texto).append(" { table = \"{schema}.").append(texto).append("\" }\n} }\n");
    ExtractFixture f = fixture(tables.toString());

    String listing = listQueries(f);
    assertTrue(block(listing, entero).contains("auto: id from single-column primary key")
        && block(listing, entero).contains("4 partitions from ~10,000 rows / 2,500 per partition")
        && block(listing, entero).contains("even key") && block(listing, entero).contains("range of id"), block(listing, entero));
    assertTrue(block(listing, fecha).contains("auto: dia from single-column primary key")
        && block(listing, fecha).contains("4 partitions from ~2,000 rows / 500 per partition"), block(listing, fecha));
    assertTrue(block(listing, texto).contains("quantile boundaries (text key)") && block(listing, texto).contains("quantiles of code"),
        block(listing, texto));
    assertTrue(block(listing, sinclave).contains("single partition (no key to split on (no primary key or clustered index; no integer identity column)"),
        block(listing, sinclave));
    assertTrue(block(listing, sesgo).contains("skewed key: the fullest of 4 equal-width ranges holds 9,000 of 10,000 sampled rows")
        && block(listing, sesgo).contains("quantiles of id"), block(listing, sesgo));
    assertTrue(block(listing, chica).contains("small table: ~100 rows / 2,500 per partition, so 1 partition"), block(listing, chica));

    List<QueryResult> results = f.extract("Colombia");
    assertEquals(5, result(results, entero).partitions(), "4 ranges + NULLs");
    assertEquals(5, result(results, fecha).partitions());
    assertEquals(5, result(results, texto).partitions());
    assertEquals(1, result(results, sinclave).partitions());
    assertEquals(5, result(results, sesgo).partitions(), "4 quantile ranges + NULLs");
    assertEquals(1, result(results, chica).partitions());
    for (String t : List.of(entero, texto, sinclave, sesgo)) {
      assertEquals(10000, result(results, t).rowsWritten(), t);
    }
    assertEquals(2000, result(results, fecha).rowsWritten());
    // quantile cuts keep the skewed table's partitions even: each read partition wrote one file, none over twice its share
    Dataset<Row> skewed = spark.read().parquet(result(results, sesgo).destination());
    assertEquals(10000, skewed.select("id").distinct().count());
    long fullest = skewed.groupBy(org.apache.spark.sql.functions.input_file_name()).count()
        .agg(org.apache.spark.sql.functions.max("count")).first().getLong(0);
    assertTrue(fullest <= 5000, "fullest partition of the skewed table: " + fullest + " rows");
  }

  @Test
  void automaticWatermarkPickedThenResumedAndRefusedWithCandidates() {
    String cambios = TestDatabase.uniqueName("cambios");
    String sinmarca = TestDatabase.uniqueName("sinmarca");
    String ts = sourceSql().timestampType();
    SourceSql sql = sourceSql();
    db.execute("CREATE TABLE " + db.qualified(cambios) + " (id bigint PRIMARY KEY, fecha_modificacion " + ts + " NOT NULL, creado " + ts + ")",
        "INSERT INTO " + db.qualified(cambios) + " SELECT g, " + sql.addMinutes("CAST('2024-01-01 00:00:00' AS " + ts + ")", "CAST(g AS int)") + ", NULL FROM " + sql.series(1, 100),
        "CREATE TABLE " + db.qualified(sinmarca) + " (id bigint PRIMARY KEY, creado " + ts + " NOT NULL, updated_at " + ts + ")");
    ExtractFixture f = fixture("extract.format = delta\nextract.tables {\n"
        + "  " + cambios + " { table = \"{schema}." + cambios + "\", mode = incremental, keys = [id] }\n"
        + "  " + sinmarca + " { table = \"{schema}." + sinmarca + "\", mode = incremental }\n}\n");
    assertTrue(listQueries(f).contains("watermark: non-null " + (postgres() ? "timestamp without time zone" : "datetime2")
        + " column fecha_modificacion named like a modification time"));

    ExtractFailedException refused = assertThrows(ExtractFailedException.class, () -> f.extract("Colombia", "--query", sinmarca));
    assertEquals(List.of(sinmarca), refused.failedQueries());
    assertTrue(refused.getMessage().contains("; candidates: creado") && refused.getMessage().contains("updated_at")
        && refused.getMessage().contains("extract.tables." + sinmarca + ".incremental-column"), refused.getMessage());

    QueryResult first = result(f.extract("Colombia", "--query", cambios), cambios);
    assertEquals(100, first.rowsWritten());
    assertEquals("2024-01-01T01:40", first.watermarkTo());
    db.execute("INSERT INTO " + db.qualified(cambios) + " SELECT g, " + sql.addMinutes("CAST('2024-02-01 00:00:00' AS " + ts + ")", "CAST(g AS int)")
        + ", NULL FROM " + sql.series(101, 120),
        "UPDATE " + db.qualified(cambios) + " SET fecha_modificacion = CAST('2024-03-01 00:00:00' AS " + ts + ") WHERE id <= 5");
    QueryResult second = result(f.extract("Colombia", "--query", cambios), cambios);
    assertEquals("2024-01-01T01:40", second.watermarkFrom(), "resumed from the destination's MAX");
    assertEquals(25, second.rowsRead(), "20 new rows + 5 changed ones");
    Dataset<Row> delta = spark.read().format("delta").load(second.destination());
    assertEquals(120, delta.count(), "changed rows merged by key, not doubled");
  }

  @Test
  void notebookDataFramesFromSqlTextTemplatesAndTables() {
    String entero = TestDatabase.uniqueName("entero");
    SourceSql sql = sourceSql();
    db.execute("CREATE TABLE " + db.qualified(entero) + " (id bigint PRIMARY KEY, v int)",
        "INSERT INTO " + db.qualified(entero) + " SELECT g, CAST(g % 7 AS int) FROM " + sql.series(1, 10000));
    analyze(entero);
    ExtractFixture f = fixture("params { t = " + entero + " }\nextract.target-rows-per-partition = 2500\n"
        + "extract.queries.plantilla { partition-column = id, num-partitions = 3 }\n");
    f.query("plantilla", "SELECT id, v FROM {schema}.{t} WHERE v = 3");
    Map<String, String> env = Map.of("SOURCE_JDBC_URL", db.url(), "SOURCE_JDBC_USER", db.connection().user(),
        "SOURCE_JDBC_PASSWORD", db.connection().password().reveal());
    DataFrameExtract fromEnv = new DataFrameExtract(spark, f.conf, f.queries, Optional.empty(), env);
    // the sync side is not used by extractToSpark, so no SyncEngine is wired here
    BridgeOperator op = new BridgeOperator(spark, null).withExtract(fromEnv);

    Dataset<Row> text = op.extractToSpark("SELECT id, v FROM " + db.qualified(entero) + " WHERE id <= 42");
    assertEquals(42, text.count());
    assertEquals(1, text.rdd().getNumPartitions());

    Dataset<Row> template = op.extractToSpark("plantilla", "Colombia");
    assertEquals(4, template.rdd().getNumPartitions(), "3 ranges + NULLs, as configured");
    assertEquals(10000 / 7 + (10000 % 7 >= 3 ? 1 : 0), template.count());

    DataFrameExtract passedIn = new DataFrameExtract(spark, f.conf, f.queries, Optional.of(db.connection()), Map.of());
    Dataset<Row> table = passedIn.queryOrTable(db.schema() + "." + entero, "Colombia");
    assertEquals(5, table.rdd().getNumPartitions(), "automatic: 4 ranges of id + NULLs");
    assertEquals(10000, table.count());
    assertEquals(List.of("id", "v"), List.of(table.columns()));
  }
}
