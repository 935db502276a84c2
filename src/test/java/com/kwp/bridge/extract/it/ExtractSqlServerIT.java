package com.kwp.bridge.extract.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    // (.123457) and prints time(7) with 6 digits. Only that documented difference is tolerated.
    boolean microsecondServer = babelfish();
    assertEquals(Timestamp.valueOf(microsecondServer ? "2024-05-01 15:00:00.123457" : "2024-05-01 15:00:00.123456"),
        row.getTimestamp(row.fieldIndex("creado")));
    assertEquals(microsecondServer ? "13:45:10.500000" : "13:45:10.5000000", row.getString(row.fieldIndex("hora")));
    assertEquals("42", row.getString(row.fieldIndex("v")));
    assertEquals(255, row.getInt(row.fieldIndex("n")));
  }

  /** True on Babelfish for PostgreSQL (its @@VERSION says so), whose datetime2/datetimeoffset/time keep 6 fractional digits. */
  private boolean babelfish() {
    return db.query("SELECT @@VERSION", rs -> {
      try {
        return rs.getString(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get(0).toLowerCase(java.util.Locale.ROOT).contains("babelfish");
  }
}
