package com.kwp.bridge.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The database's own best for keyed changes, used as the limit: COPY the rows into a temporary staging
 * table, then one set-based statement per kind, all in one transaction (PostgreSQL spelling; harness only).
 */
final class SetBasedSql {
  private final List<String> columns;
  private final List<String> keys;

  SetBasedSql(List<String> columns, List<String> keys) {
    this.columns = columns;
    this.keys = keys;
  }

  private String keyMatch(String a, String b) {
    return keys.stream().map(k -> a + "." + k + " = " + b + "." + k).collect(Collectors.joining(" AND "));
  }

  /** Updates matching keys and inserts the rest; returns the rows affected. */
  long upsert(Connection c, String target, Path file) throws Exception {
    String set = columns.stream().filter(col -> !keys.contains(col)).map(col -> col + " = s." + col).collect(Collectors.joining(", "));
    return inTransaction(c, "LIKE " + target, file, true, st ->
        st.executeUpdate("UPDATE " + target + " t SET " + set + " FROM bench_stage s WHERE " + keyMatch("t", "s"))
            + st.executeUpdate("INSERT INTO " + target + " SELECT s.* FROM bench_stage s WHERE NOT EXISTS (SELECT 1 FROM "
                + target + " t WHERE " + keyMatch("t", "s") + ")"));
  }

  /** Inserts every staged row; returns the rows inserted. */
  long insert(Connection c, String target, Path file) throws Exception {
    // no ANALYZE: a plain INSERT ... SELECT has no join to plan
    return inTransaction(c, "LIKE " + target, file, false, st -> st.executeUpdate("INSERT INTO " + target + " SELECT * FROM bench_stage"));
  }

  /** Deletes the staged keys; returns the rows deleted. */
  long delete(Connection c, String target, Path file) throws Exception {
    String keyCols = keys.stream().map(k -> k + " " + "bigint").collect(Collectors.joining(", "));
    return inTransaction(c, keyCols, file, true, st ->
        st.executeUpdate("DELETE FROM " + target + " t USING bench_stage s WHERE " + keyMatch("t", "s")));
  }

  private interface Apply {
    long run(Statement st) throws Exception;
  }

  private static long inTransaction(Connection c, String stageShape, Path file, boolean analyze, Apply apply) throws Exception {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE bench_stage (" + stageShape + ") ON COMMIT DROP");
      PgCopy.load(c, "bench_stage", file);
      if (analyze) {
        st.execute("ANALYZE bench_stage");
      }
      long n = apply.run(st);
      c.commit();
      return n;
    } catch (Exception e) {
      c.rollback();
      throw e;
    }
  }
}
