package com.kwp.bridge.extract.it;

import static com.kwp.bridge.extract.it.ExtractFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.cli.BridgeCli;
import com.kwp.bridge.error.ExtractFailedException;
import com.kwp.bridge.extract.ExtractSummary;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.extract.SchemaChange;
import com.kwp.bridge.lake.ExtractRunsTable;
import com.kwp.bridge.testing.DeltaCommits;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import com.kwp.bridge.testing.TestSpark;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A source table whose columns change between incremental runs, on the embedded PostgreSQL into real Delta
 * and Parquet: each kind of change under each on-schema-change option, the MERGE path, a write that fails
 * after the schema check, names with spaces and accents, the runs table and list-queries. After every run
 * the destination holds each source row exactly once, or is exactly as it was when the run refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaChangePostgresIT {
  private static final String COLUMNS = "\"id hogar\", \"año\", qty, codigo, nota";
  private static final String VALUES = "g, 2024, g, 'c' || g, 'n' || g";
  private TestDatabase db;
  private final SparkSession spark = TestSpark.session();

  @BeforeAll
  void start() {
    db = TestDatabases.postgres();
  }

  @AfterAll
  void stop() {
    db.close();
  }

  /** A source table with a space and an accent in its names (so its Delta table gets column mapping), queried with SELECT *. */
  private ExtractFixture fixture(String table, String extractConf) {
    ExtractFixture f = new ExtractFixture(db, SourceSql.postgres());
    db.execute("CREATE TABLE " + db.qualified(table) + " (id bigint PRIMARY KEY, \"id hogar\" integer, \"año\" integer, qty smallint,"
        + " codigo varchar(50), nota text)");
    f.conf("common.conf", "params { schema = \"" + db.schema() + "\", t = " + table + " }\n" + extractConf);
    f.conf("Colombia.conf", "params {}");
    f.query("ventas", "SELECT * FROM {schema}.{t}");
    return f;
  }

  private void insert(String table, long from, long to, String columns, String values) {
    db.execute("INSERT INTO " + db.qualified(table) + " (id, " + columns + ") SELECT g, " + values + " FROM generate_series("
        + from + ", " + to + ") AS s(g)");
  }

  private void alter(String table, String change) {
    db.execute("ALTER TABLE " + db.qualified(table) + " " + change);
  }

  private QueryResult run(ExtractFixture f, String runId, String... extra) {
    List<String> args = new ArrayList<>(List.of("--run-id", runId));
    args.addAll(Arrays.asList(extra));
    QueryResult r = result(f.extract("Colombia", args.toArray(new String[0])), "ventas");
    assertEquals(QueryResult.Status.OK, r.status(), r.error());
    for (String line : f.lastSummary.split("\\R")) {
      assertTrue(line.length() <= ExtractSummary.WIDTH, line.length() + ": " + line);
    }
    return r;
  }

  /** A run that must fail for ventas; returns its one-line error as the run recorded it. */
  private String refusedRun(ExtractFixture f, String runId, String... extra) {
    List<String> args = new ArrayList<>(List.of("--run-id", runId));
    args.addAll(Arrays.asList(extra));
    ExtractFailedException e = assertThrows(ExtractFailedException.class, () -> f.extract("Colombia", args.toArray(new String[0])));
    assertEquals(List.of("ventas"), e.failedQueries());
    String error = runRow(f, runId).getAs("error");
    assertFalse(error.contains("\n"), "one line: " + error);
    return error;
  }

  private Row runRow(ExtractFixture f, String runId) {
    return spark.read().format("delta").load(f.runs.toString()).filter("run_id = '" + runId + "' AND query = 'ventas'").first();
  }

  private static List<String> texts(QueryResult r) {
    return r.schemaChanges().stream().map(SchemaChange::text).toList();
  }

  private Dataset<Row> delta(String path) {
    return spark.read().format("delta").load(path);
  }

  /** Every source row once: as many rows as the source, no id twice. */
  private void assertEachSourceRowOnce(Dataset<Row> out, String table) {
    long source = db.count(db.qualified(table));
    assertEquals(source, out.count(), "rows in the output");
    assertEquals(source, out.select("id").distinct().count(), "no id twice");
  }

  private static StructType plain(StructType s) {
    StructType out = new StructType();
    for (StructField f : s.fields()) {
      out = out.add(f.name(), f.dataType(), f.nullable());
    }
    return out;
  }

  /** The Delta table is exactly as it was: same version, same columns. */
  private void assertUnchanged(String path, long version, StructType schema, long rows) {
    assertEquals(version, DeltaCommits.latestVersion(spark, path), "no commit");
    assertEquals(plain(schema), plain(delta(path).schema()), "same columns");
    assertEquals(rows, delta(path).count(), "same rows");
  }

  /** list-queries --destination as a user runs it, before the run. */
  private String listQueries(ExtractFixture f) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(ps);
      BridgeCli.main(new String[] {"list-queries", "--queries-path", f.queries.toString(), "--config-path", f.conf.toString(),
          "--country", "Colombia", "--destination", f.out.resolve("Colombia").toString(), "--conf", "source.url=" + db.url(),
          "--conf", "source.username=" + db.connection().user(), "--conf", "source.password=" + db.connection().password().reveal()});
    } finally {
      System.setOut(old);
    }
    String text = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    return text;
  }

  @Test
  void deltaIncrementalKeepsRunningThroughEachChangeOrRefusesNamingIt() {
    String table = TestDatabase.uniqueName("cambios");
    ExtractFixture f = fixture(table, "extract { format = delta, queries.ventas.incremental-column = id }\n");
    insert(table, 1, 100, COLUMNS, VALUES);
    String path = run(f, "r1").destination();
    assertEquals("name", DeltaTable.forPath(spark, path).detail().select("properties").first().getJavaMap(0)
        .get("delta.columnMapping.mode"), "the names with a space and an accent gave the table column mapping");

    // a column added, its name with a space and an accent: added in the data's own commit
    alter(table, "ADD COLUMN \"región nueva\" text");
    insert(table, 101, 150, COLUMNS + ", \"región nueva\"", VALUES + ", 'r' || g");
    assertTrue(listQueries(f).contains("added `región nueva` (string): added to the table"), "shown before the run");
    long v = DeltaCommits.latestVersion(spark, path);
    QueryResult added = run(f, "r2");
    assertEquals(List.of("added `región nueva` (string): added to the table"), texts(added));
    assertEquals(50, added.rowsWritten());
    assertEquals(v + 1, DeltaCommits.latestVersion(spark, path), "schema and rows in one commit");
    assertEquals(50, delta(path).filter("`región nueva` LIKE 'r%'").count());
    assertEquals(100, delta(path).filter("`región nueva` IS NULL").count(), "earlier rows read NULL");
    assertEquals("added `región nueva` (string): added to the table", runRow(f, "r2").getAs("schema_changes"));
    assertTrue(f.lastSummary.contains("schema: 1 change (below)") && f.lastSummary.contains("Schema changes"), f.lastSummary);

    // varchar(50) -> varchar(200): both are Spark strings, but the table keeps the JDBC read's varchar(50) and Delta
    // enforces it on every write; the limit is raised (its own metadata-only commit) just before the rows
    alter(table, "ALTER COLUMN codigo TYPE varchar(200)");
    insert(table, 151, 160, COLUMNS, "g, 2024, g, repeat('x', 150), 'n' || g");
    v = DeltaCommits.latestVersion(spark, path);
    QueryResult longer = run(f, "r3");
    assertEquals(List.of("codigo widened varchar(50) -> varchar(200): limit raised in the table (a metadata-only commit before the rows)"),
        texts(longer));
    assertEquals(v + 2, DeltaCommits.latestVersion(spark, path), "the limit, then the rows");
    assertEquals(10, delta(path).filter("length(codigo) = 150").count());
    // and a run with nothing changed records nothing
    insert(table, 161, 162, COLUMNS, VALUES);
    assertEquals(List.of(), texts(run(f, "r3b")));
    assertNull(runRow(f, "r3b").getAs("schema_changes"));

    // a column dropped: kept in the table, NULL in the new rows, earlier values untouched
    alter(table, "DROP COLUMN nota");
    insert(table, 163, 170, "\"id hogar\", \"año\", qty, codigo", "g, 2024, g, 'c' || g");
    assertEquals(List.of("missing nota (string): kept: NULL in the new rows"), texts(run(f, "r4")));
    assertEquals(8, delta(path).filter("nota IS NULL").count());
    assertEquals(1, delta(path).filter("id = 7 AND nota = 'n7'").count());

    // smallint -> int: Delta widens it in place with the append
    alter(table, "ALTER COLUMN qty TYPE integer");
    insert(table, 171, 180, "\"id hogar\", \"año\", qty, codigo", "g, 2024, 70000 + g, 'c' || g");
    v = DeltaCommits.latestVersion(spark, path);
    assertEquals(List.of("qty widened smallint -> int: widened in the table", "missing nota (string): kept: NULL in the new rows"),
        texts(run(f, "r5")));
    assertEquals(v + 1, DeltaCommits.latestVersion(spark, path));
    assertEquals(DataTypes.IntegerType, delta(path).schema().apply("qty").dataType());
    assertEquals(10, delta(path).filter("qty > 70000").count());
    assertEquals(1, delta(path).filter("id = 7 AND qty = 7").count(), "earlier smallint values read as int");
    assertEachSourceRowOnce(delta(path), table);

    // int -> bigint: this Delta cannot widen it in place; refused, the table untouched, the overwrite named
    alter(table, "ALTER COLUMN \"año\" TYPE bigint");
    insert(table, 181, 190, "\"id hogar\", \"año\", qty, codigo", "g, 3000000000, g, 'c' || g");
    v = DeltaCommits.latestVersion(spark, path);
    StructType before = delta(path).schema();
    String error = refusedRun(f, "r6");
    assertTrue(error.contains("año widened int -> bigint: Delta 3.2 widens a column in place only from tinyint or smallint up to int"),
        error);
    assertTrue(error.contains("Rerun with --overwrite to rewrite " + path), error);
    assertUnchanged(path, v, before, 180);
    assertEquals("año widened int -> bigint: refused; missing nota (string): not applied (the write was refused)",
        runRow(f, "r6").getAs("schema_changes"));
    assertTrue(f.lastSummary.contains("ventas: año widened int -> bigint: refused"), f.lastSummary);

    // the overwrite it names replaces the shape (and says so); incremental runs go on from there
    QueryResult rewritten = run(f, "r7", "--overwrite");
    assertEquals(List.of("año widened int -> bigint: replaced (overwrite)", "missing nota (string): replaced (overwrite)"),
        texts(rewritten));
    assertEquals(DataTypes.LongType, delta(path).schema().apply("año").dataType());
    assertFalse(Arrays.asList(delta(path).columns()).contains("nota"));
    insert(table, 191, 200, "\"id hogar\", \"año\", qty, codigo", "g, 2025, g, 'c' || g");
    assertEquals(10, run(f, "r8").rowsWritten());
    assertEachSourceRowOnce(delta(path), table);

    // text -> int: incompatible whatever the option; refused naming the column, both types and what to do
    alter(table, "ALTER COLUMN codigo TYPE integer USING length(codigo)");
    insert(table, 201, 210, "\"id hogar\", \"año\", qty, codigo", "g, 2025, g, g");
    assertTrue(listQueries(f).contains("schema: a run would refuse: Query ventas: schema change refused"), "shown before");
    v = DeltaCommits.latestVersion(spark, path);
    before = delta(path).schema();
    error = refusedRun(f, "r9");
    assertTrue(error.contains("codigo changed varchar(200) -> int cannot be written into the existing column. Rerun with --overwrite"), error);
    assertUnchanged(path, v, before, 200);
  }

  @Test
  void mergeWithKeysEvolvesInTheMergesOwnCommitAndKeepsWhatUpdatedRowsHad() {
    String table = TestDatabase.uniqueName("merge");
    ExtractFixture f = fixture(table, "extract { format = delta, queries.ventas { incremental-column = id, lookback = 5, keys = [id] } }\n");
    insert(table, 1, 100, COLUMNS, VALUES);
    String path = run(f, "m1").destination();

    // an added column, filled in rows the lookback re-reads and in new ones
    alter(table, "ADD COLUMN \"año nuevo\" integer");
    db.execute("UPDATE " + db.qualified(table) + " SET \"año nuevo\" = 2030 WHERE id > 95");
    insert(table, 101, 110, COLUMNS + ", \"año nuevo\"", VALUES + ", 2030");
    long v = DeltaCommits.latestVersion(spark, path);
    QueryResult added = run(f, "m2");
    assertEquals(List.of("added `año nuevo` (int): added to the table"), texts(added));
    assertEquals(15, added.rowsWritten(), "5 updated inside the lookback + 10 inserted");
    assertEquals(v + 1, DeltaCommits.latestVersion(spark, path), "one MERGE commit");
    assertEquals(15, delta(path).filter("`año nuevo` = 2030").count());
    assertEachSourceRowOnce(delta(path), table);

    // a dropped column: rows the MERGE updates keep their value, inserted rows get NULL
    alter(table, "DROP COLUMN nota");
    insert(table, 111, 115, "\"id hogar\", \"año\", qty, codigo", "g, 2024, g, 'c' || g");
    assertEquals(List.of("missing nota (string): kept: NULL in inserted rows, updated rows keep theirs"), texts(run(f, "m3")));
    assertEquals(1, delta(path).filter("id = 108 AND nota = 'n108'").count(), "updated by the lookback, value kept");
    assertEquals(5, delta(path).filter("id > 110 AND nota IS NULL").count());

    // smallint -> int: a MERGE widens only on a table with type widening; refused until the operator enables it
    alter(table, "ALTER COLUMN qty TYPE integer");
    insert(table, 116, 120, "\"id hogar\", \"año\", qty, codigo", "g, 2024, 70000 + g, 'c' || g");
    v = DeltaCommits.latestVersion(spark, path);
    StructType before = delta(path).schema();
    String error = refusedRun(f, "m4");
    assertTrue(error.contains("qty widened smallint -> int: a MERGE widens a column only on a table with type widening (ALTER TABLE "
        + "delta.`" + path + "` SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')"), error);
    assertUnchanged(path, v, before, 115);
    spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')");
    assertEquals(List.of("qty widened smallint -> int: widened in the table",
        "missing nota (string): kept: NULL in inserted rows, updated rows keep theirs"), texts(run(f, "m5")));
    assertEquals(DataTypes.IntegerType, delta(path).schema().apply("qty").dataType());
    assertEquals(5, delta(path).filter("qty > 70000").count());
    assertEachSourceRowOnce(delta(path), table);
  }

  @Test
  void failRefusesEveryDifferenceAndIgnoreNewLeavesNewColumnsOut() {
    String table = TestDatabase.uniqueName("opciones");
    ExtractFixture f = fixture(table, "extract { format = delta, on-schema-change = fail, queries.ventas.incremental-column = id }\n");
    insert(table, 1, 100, COLUMNS, VALUES);
    String path = run(f, "o1").destination();
    alter(table, "ADD COLUMN nueva integer");
    alter(table, "ALTER COLUMN qty TYPE integer");
    insert(table, 101, 150, COLUMNS + ", nueva", VALUES + ", g");
    assertTrue(listQueries(f).contains("schema: a run would refuse: Query ventas: schema change refused (extract.on-schema-change = fail):"
        + " qty widened smallint -> int; added nueva (int). Set extract.on-schema-change = evolve"), "before the run");
    long v = DeltaCommits.latestVersion(spark, path);
    StructType before = delta(path).schema();
    String error = refusedRun(f, "o2");
    assertTrue(error.contains("(extract.on-schema-change = fail): qty widened smallint -> int; added nueva (int). Set "
        + "extract.on-schema-change = evolve to apply them, or rerun with --overwrite"), error);
    assertUnchanged(path, v, before, 100);

    // ignore_new drops the new column; a wider type is still refused (it would change the table's types)
    String ignore = "extract.queries.ventas.on-schema-change=ignore_new";
    error = refusedRun(f, "o3", "--conf", ignore);
    assertTrue(error.contains("qty widened smallint -> int: ignore_new keeps the destination's types"), error);
    assertUnchanged(path, v, before, 100);
    alter(table, "ALTER COLUMN qty TYPE smallint");
    QueryResult r = run(f, "o4", "--conf", ignore);
    assertEquals(List.of("added nueva (int): left out (ignore_new)"), texts(r));
    assertEquals(50, r.rowsWritten());
    assertEquals(plain(before), plain(delta(path).schema()), "the table's columns did not change");
    assertEachSourceRowOnce(delta(path), table);
  }

  @Test
  void aWriteThatFailsAfterTheSchemaCheckLeavesTheTableAsItWas() {
    String table = TestDatabase.uniqueName("fallo");
    ExtractFixture f = fixture(table, "extract { format = delta, queries.ventas.incremental-column = id }\n");
    insert(table, 1, 100, COLUMNS, VALUES);
    String path = run(f, "w1").destination();
    alter(table, "ADD COLUMN nueva integer");
    insert(table, 101, 200, COLUMNS + ", nueva", VALUES + ", g");
    // the added columns pass the check (evolve); row 150 then fails the read half way through the write
    f.query("ventas", "SELECT t.*, 1000 / (t.id - 150) AS ratio FROM {schema}.{t} t");
    long v = DeltaCommits.latestVersion(spark, path);
    StructType before = delta(path).schema();
    String error = refusedRun(f, "w2");
    assertTrue(error.contains("division by zero"), error);
    assertEquals("added nueva (int): added to the table (not applied: the write failed); added ratio (bigint): added to the table"
        + " (not applied: the write failed)", runRow(f, "w2").getAs("schema_changes"), "decided, then not applied");
    assertUnchanged(path, v, before, 100);

    f.query("ventas", "SELECT * FROM {schema}.{t}");
    QueryResult r = run(f, "w3");
    assertEquals(100, r.rowsWritten(), "the failed run's rows come with the next one: the watermark is read from the table");
    assertEachSourceRowOnce(delta(path), table);
  }

  @Test
  void aTableWithoutColumnMappingGetsItBeforeTakingANameThatNeedsIt() {
    String table = TestDatabase.uniqueName("plano");
    ExtractFixture f = new ExtractFixture(db, SourceSql.postgres());
    db.execute("CREATE TABLE " + db.qualified(table) + " (id bigint PRIMARY KEY, monto integer)");
    f.conf("common.conf", "params { schema = \"" + db.schema() + "\", t = " + table + " }\n"
        + "extract { format = delta, queries.ventas.incremental-column = id }\n");
    f.conf("Colombia.conf", "params {}");
    f.query("ventas", "SELECT * FROM {schema}.{t}");
    insert(table, 1, 10, "monto", "g");
    String path = run(f, "p1").destination();
    alter(table, "ADD COLUMN \"fecha de baja\" date");
    insert(table, 11, 20, "monto, \"fecha de baja\"", "g, DATE '2025-01-01'");
    long v = DeltaCommits.latestVersion(spark, path);
    assertEquals(List.of("added `fecha de baja` (date): added to the table"), texts(run(f, "p2")));
    assertEquals(v + 2, DeltaCommits.latestVersion(spark, path), "column mapping (metadata only), then the rows with the new column");
    assertEquals(10, delta(path).filter("`fecha de baja` = DATE '2025-01-01'").count());
    assertEachSourceRowOnce(delta(path), table);
  }

  @Test
  void parquetNewFilesCarryTheNewColumnsAndAWiderTypeIsRefused() {
    String table = TestDatabase.uniqueName("parquet");
    ExtractFixture f = fixture(table, "extract { format = parquet, queries.ventas.incremental-column = id }\n");
    insert(table, 1, 100, COLUMNS, VALUES);
    String path = run(f, "q1").destination();
    alter(table, "ADD COLUMN \"región\" integer");
    alter(table, "DROP COLUMN nota");
    insert(table, 101, 120, "\"id hogar\", \"año\", qty, codigo, \"región\"", "g, 2024, g, 'c' || g, 7");
    assertEquals(List.of("added región (int): in the new files (read the folder with mergeSchema)",
        "missing nota (string): absent from the new files (NULL when read with mergeSchema)"), texts(run(f, "q2")));
    Dataset<Row> merged = spark.read().option("mergeSchema", "true").parquet(path);
    assertTrue(Arrays.asList(merged.columns()).containsAll(List.of("región", "nota", "id hogar", "año")));
    assertEquals(20, merged.filter("`región` = 7 AND nota IS NULL").count());
    assertEachSourceRowOnce(merged, table);

    alter(table, "ALTER COLUMN \"año\" TYPE bigint");
    insert(table, 121, 130, "\"id hogar\", \"año\", qty, codigo", "g, 2024, g, 'c' || g");
    String error = refusedRun(f, "q3");
    assertTrue(error.contains("año widened int -> bigint: a Parquet folder with files of both types cannot be read with mergeSchema"),
        error);
    assertEquals(120, spark.read().option("mergeSchema", "true").parquet(path).count(), "nothing written");
  }

  @Test
  void aRunsTableFromBeforeTheSchemaChangesColumnKeepsWorking() {
    String table = TestDatabase.uniqueName("runs");
    ExtractFixture f = fixture(table, "extract { format = delta, queries.ventas.incremental-column = id }\n");
    StructType old = new StructType(Arrays.copyOf(ExtractRunsTable.SCHEMA.fields(), ExtractRunsTable.SCHEMA.size() - 1));
    Row earlier = RowFactory.create("old-run", java.sql.Timestamp.valueOf("2024-01-01 00:00:00"), "Colombia", "ventas", "/x", "overwrite",
        "delta", 1, 5L, 5L, 1.0, 5.0, null, null, "OK", null);
    spark.createDataFrame(List.of(earlier), old).write().format("delta").save(f.runs.toString());
    insert(table, 1, 10, COLUMNS, VALUES);
    run(f, "n1");
    alter(table, "ADD COLUMN nueva integer");
    insert(table, 11, 20, COLUMNS + ", nueva", VALUES + ", g");
    run(f, "n2");
    Dataset<Row> runs = spark.read().format("delta").load(f.runs.toString());
    assertEquals(ExtractRunsTable.SCHEMA.fieldNames().length, runs.columns().length, "the new column was added by the append");
    assertEquals(3, runs.count());
    Map<String, String> byRun = new java.util.HashMap<>();
    runs.collectAsList().forEach(r -> byRun.put(r.getAs("run_id"), r.getAs("schema_changes")));
    assertNull(byRun.get("old-run"));
    assertNull(byRun.get("n1"));
    assertEquals("added nueva (int): added to the table", byRun.get("n2"));
  }
}
