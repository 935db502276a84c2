package com.kwp.bridge.extract.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The extract scenarios on a real SQL Server, when BRIDGE_TEST_SQLSERVER_URL names one (not run on the build machines). */
@EnabledIfEnvironmentVariable(named = TestDatabases.SQLSERVER_URL_ENV, matches = ".+")
class ExtractSqlServerIT extends ExtractScenarios {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabases.sqlServer();
  }

  @Override
  protected SourceSql sourceSql() {
    return SourceSql.sqlServer();
  }

  @Test
  void typesSpark35MisMapsAreReadThroughCasts() {
    String table = TestDatabase.uniqueName("tipos");
    db.execute("CREATE TABLE " + db.qualified(table) + " (id int PRIMARY KEY, creado datetimeoffset(7), hora time(7), v sql_variant, n tinyint)",
        "INSERT INTO " + db.qualified(table) + " VALUES (1, '2024-05-01T10:00:00.1234567-05:00', '13:45:10.5', CAST(42 AS int), 255)");
    ExtractFixture f = new ExtractFixture(db, sourceSql());
    f.conf("common.conf", "params { t = \"" + db.schema() + "." + table + "\" }");
    f.conf("Colombia.conf", "params {}");
    f.query("tipos", "SELECT * FROM {t}");
    QueryResult r = ExtractFixture.result(f.extract("Colombia"), "tipos");
    Row row = spark.read().parquet(r.destination()).first();
    // 10:00 at -05:00 is 15:00 UTC. SQL Server keeps 100 ns and Spark truncates to microseconds (.123456);
    // Babelfish documents at most 6 fractional digits for datetimeoffset/time, so it stores .1234567 rounded
    // (.123457), and its time converts to text without trailing zeros (13:45:10.5, where SQL Server prints
    // time(7) with 7 digits). Only those documented differences are tolerated.
    boolean microsecondServer = babelfish();
    assertEquals(Timestamp.valueOf(microsecondServer ? "2024-05-01 15:00:00.123457" : "2024-05-01 15:00:00.123456"),
        row.getTimestamp(row.fieldIndex("creado")));
    assertEquals(microsecondServer ? "13:45:10.5" : "13:45:10.5000000", row.getString(row.fieldIndex("hora")));
    assertEquals("42", row.getString(row.fieldIndex("v")));
    assertEquals(255, row.getInt(row.fieldIndex("n")));
  }

  @Test
  void rowversionTableIsIncrementalWithNoWatermarkConfigured() {
    String table = TestDatabase.uniqueName("rv");
    SourceSql sql = sourceSql();
    db.execute("CREATE TABLE " + db.qualified(table) + " (id int NOT NULL PRIMARY KEY, nombre nvarchar(50) NOT NULL, rv rowversion)",
        "INSERT INTO " + db.qualified(table) + " (id, nombre) SELECT CAST(g AS int), CONCAT(N'n', g) FROM " + sql.series(1, 100));
    ExtractFixture f = new ExtractFixture(db, sql);
    f.conf("common.conf", "extract { format = delta, tables." + table + " { table = \"" + db.schema() + "." + table
        + "\", mode = incremental, keys = [id] } }");
    f.conf("Colombia.conf", "");
    awaitRowversionBound(table);
    QueryResult first = ExtractFixture.result(f.extract("Colombia"), table);
    assertEquals(100, first.rowsWritten());
    org.junit.jupiter.api.Assertions.assertTrue(first.watermarkTo().matches("0x[0-9A-F]{16}"), first.watermarkTo());
    db.execute("UPDATE " + db.qualified(table) + " SET nombre = N'cambiado' WHERE id <= 5",
        "INSERT INTO " + db.qualified(table) + " (id, nombre) SELECT CAST(g AS int), CONCAT(N'n', g) FROM " + sql.series(101, 110));
    awaitRowversionBound(table);
    QueryResult second = ExtractFixture.result(f.extract("Colombia"), table);
    assertEquals(15, second.rowsRead(), "5 updated + 10 inserted rows, by rowversion");
    Row counts = spark.read().format("delta").load(second.destination())
        .selectExpr("count(*)", "sum(CASE WHEN nombre = 'cambiado' THEN 1 ELSE 0 END)").first();
    assertEquals(110L, counts.getLong(0));
    assertEquals(5L, counts.getLong(1));
    assertEquals(0, ExtractFixture.result(f.extract("Colombia"), table).rowsRead(), "nothing changed: nothing read");
  }

  @Test
  void catalogQueriesReadKeysIdentityClusteredIndexAndEstimate() {
    String table = TestDatabase.uniqueName("cat");
    db.execute("CREATE TABLE " + db.qualified(table) + " (id int IDENTITY(1,1) NOT NULL, dia date NOT NULL, code nvarchar(10) NULL,"
        + " CONSTRAINT " + table + "_pk PRIMARY KEY NONCLUSTERED (id))",
        "CREATE CLUSTERED INDEX " + table + "_cx ON " + db.qualified(table) + " (dia)",
        "INSERT INTO " + db.qualified(table) + " (dia, code) SELECT DATEADD(day, CAST(g AS int), CAST('2024-01-01' AS date)), N'x' FROM "
            + sourceSql().series(1, 500));
    com.kwp.bridge.extract.TableMetadata md = new com.kwp.bridge.extract.TableMetadataReader(db.connection(), db.dialect())
        .read(com.kwp.bridge.dialect.TableName.of(db.schema(), table));
    assertEquals(java.util.List.of("id int NOT NULL IDENTITY", "dia date NOT NULL", "code nvarchar"),
        md.columns().stream().map(Object::toString).toList());
    assertEquals(java.util.List.of("id"), md.primaryKey().orElseThrow().columns());
    if (babelfish()) {
      // Babelfish has no clustered indexes: CREATE CLUSTERED INDEX makes a nonclustered one (sys.indexes type 2,
      // its name suffixed with the table's name and a hash), so the catalog rightly reports none clustered.
      assertEquals(java.util.Optional.empty(), md.clusteredIndex());
      assertTrue(md.indexes().stream().anyMatch(i -> !i.primary() && !i.clustered() && i.name().startsWith(table + "_cx")
          && i.columns().equals(java.util.List.of("dia"))), md.indexes().toString());
    } else {
      assertEquals(java.util.List.of("dia"), md.clusteredIndex().orElseThrow().columns());
    }
    // Babelfish reports -1 rows in sys.partitions until the table is analyzed: the estimate is then a bounded count.
    assertEquals(500L, md.rowEstimate().orElseThrow());
  }

  /**
   * On Babelfish the rowversion bound is the oldest running transaction id of the whole server (it has no
   * MIN_ACTIVE_ROWVERSION), so another session's open write transaction, in any database there, keeps rows
   * just written below it until it ends. The rows are right to wait for it; the test waits too (up to a
   * minute) rather than read them a run late. On SQL Server nothing is waited for (MIN_ACTIVE_ROWVERSION is
   * documented to move only with this database's open rowversion writers).
   */
  private void awaitRowversionBound(String table) {
    if (!babelfish()) {
      return;
    }
    String passed = "SELECT CASE WHEN MAX(rv) < CAST(CAST(txid_snapshot_xmin(txid_current_snapshot()) AS BIGINT) AS BINARY(8)) THEN 1 ELSE 0 END"
        + " FROM " + db.qualified(table);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    while (db.query(passed, rs -> {
      try {
        return rs.getInt(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get(0) == 0) {
      assertTrue(System.nanoTime() < deadline, "the server's oldest running transaction stayed below " + table + "'s rowversions for a minute");
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * True on Babelfish for PostgreSQL (its @@VERSION says so): 6 fractional digits for datetime2/datetimeoffset/time,
   * no clustered indexes, no MIN_ACTIVE_ROWVERSION.
   */
  private boolean babelfish() {
    return TestDatabases.isBabelfish(db);
  }
}
