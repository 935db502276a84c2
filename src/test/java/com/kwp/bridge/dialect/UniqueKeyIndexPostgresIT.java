package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Which index shapes let an UPSERT be PostgreSQL's INSERT ... ON CONFLICT on the event's keys, on a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UniqueKeyIndexPostgresIT {
  TestDatabase db;
  SqlDialect dialect;

  @BeforeAll
  void setUp() {
    db = TestDatabases.postgres();
    dialect = db.dialect();
    db.execute("CREATE TABLE " + db.qualified("pk2") + " (\"Id Hogar\" int, periodo int, v text, PRIMARY KEY (\"Id Hogar\", periodo))");
    db.execute("CREATE TABLE " + db.qualified("uq_one") + " (a int, b int, v text, UNIQUE (a))");
    db.execute("CREATE TABLE " + db.qualified("partial") + " (a int, v text)");
    db.execute("CREATE UNIQUE INDEX partial_a ON " + db.qualified("partial") + " (a) WHERE a > 0");
    db.execute("CREATE TABLE " + db.qualified("plain") + " (a int, v text)");
    db.execute("CREATE INDEX plain_a ON " + db.qualified("plain") + " (a)");
    db.execute("CREATE TABLE " + db.qualified("deferred") + " (a int, v text, UNIQUE (a) DEFERRABLE INITIALLY DEFERRED)");
    db.execute("CREATE TABLE " + db.qualified("incl") + " (a int, b int, v text)");
    db.execute("CREATE UNIQUE INDEX incl_a ON " + db.qualified("incl") + " (a) INCLUDE (b)");
    db.execute("CREATE TABLE " + db.qualified("coll") + " (code text, v text)");
    db.execute("CREATE UNIQUE INDEX coll_code ON " + db.qualified("coll") + " (code COLLATE \"C\")");
  }

  @AfterAll
  void tearDown() {
    db.close();
  }

  boolean found(String table, String... keys) {
    try (Connection c = db.open()) {
      SqlRunner r = new SqlRunner(c, dialect);
      return !r.query("probe", dialect.catalog().uniqueKeyIndex(TableName.of(db.schema(), table), List.of(keys)).orElseThrow(), rs -> 1).isEmpty();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onlyAnImmediateUniqueIndexOnExactlyTheKeysWithTheirCollationsQualifies() {
    assertEquals(true, found("pk2", "periodo", "Id Hogar"), "primary key, keys in another order");
    assertEquals(false, found("pk2", "periodo", "id hogar"), "key names are compared as stored");
    assertEquals(false, found("pk2", "periodo"), "a subset of the index");
    assertEquals(true, found("uq_one", "a"));
    assertEquals(false, found("uq_one", "a", "b"), "unique on fewer columns than the keys");
    assertEquals(false, found("partial", "a"), "partial index");
    assertEquals(false, found("plain", "a"), "not unique");
    assertEquals(false, found("deferred", "a"), "deferrable constraint");
    assertEquals(true, found("incl", "a"), "INCLUDE columns are not keys");
    assertEquals(false, found("coll", "code"), "index collation differs from the column's");
    assertEquals(false, found("no_such_table", "a"));
  }
}
