package com.kwp.bridge.bench;

import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The limits of the TDS rows, hand-written T-SQL (harness only): the least an all-or-nothing change does on the
 * server. One connection, one transaction: bulk copy of the rows (from a file PostgreSQL dumped) into a staging
 * table created in that transaction, one set-based statement per half of the change (UPDATE ... FROM join, then
 * INSERT ... WHERE NOT EXISTS; Babelfish 4.2 has no MERGE), drop, commit. INSERT's limit is one bulk copy
 * straight into the target, one stream and one transaction, as the bridge's direct insert.
 */
final class TdsSetBasedSql {
  private static final String STAGE = "bench_stage";
  private final TestDatabase db;
  private final List<String> columns;
  private final List<String> keys;

  TdsSetBasedSql(TestDatabase db, List<String> columns, List<String> keys) {
    this.db = db;
    this.columns = columns;
    this.keys = keys;
  }

  private String keyMatch() {
    return keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
  }

  String updateSql(String target, String stage) {
    String set = columns.stream().filter(c -> !keys.contains(c)).map(c -> "t." + c + " = s." + c).collect(Collectors.joining(", "));
    return "UPDATE t SET " + set + " FROM " + target + " AS t INNER JOIN " + stage + " AS s ON " + keyMatch();
  }

  String insertMissingSql(String target, String stage) {
    String cols = String.join(", ", columns);
    return "INSERT INTO " + target + " (" + cols + ") SELECT " + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "))
        + " FROM " + stage + " AS s WHERE NOT EXISTS (SELECT 1 FROM " + target + " AS t WHERE " + keyMatch() + ")";
  }

  String deleteSql(String target, String stage) {
    return "DELETE t FROM " + target + " AS t INNER JOIN " + stage + " AS s ON " + keyMatch();
  }

  /** Bulk copies {@code file} (every column) into {@code target}, committed once. */
  void insert(String target, Path file) throws Exception {
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      TdsBulk.load(c, target, file);
      c.commit();
    }
  }

  /** Updates the rows of {@code file} whose keys exist and inserts the rest; returns the rows affected. */
  long upsert(String target, Path file) throws Exception {
    return staged(target, columns, file, (st, stage) -> st.executeUpdate(updateSql(target, stage)) + st.executeUpdate(insertMissingSql(target, stage)));
  }

  /** Deletes the keys in {@code file} (the key columns only); returns the rows deleted. */
  long delete(String target, Path file) throws Exception {
    return staged(target, keys, file, (st, stage) -> st.executeUpdate(deleteSql(target, stage)));
  }

  private interface Apply {
    long run(Statement st, String stage) throws Exception;
  }

  private long staged(String target, List<String> stageColumns, Path file, Apply apply) throws Exception {
    String stage = db.qualified(STAGE);
    try (Connection c = db.open(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        // TOP 0 ... INTO clones the target's column types; the file's columns are in that order
        st.execute("SELECT TOP 0 " + String.join(", ", stageColumns) + " INTO " + stage + " FROM " + target);
        TdsBulk.load(c, stage, file);
        long n = apply.run(st, stage);
        st.execute("DROP TABLE " + stage);
        c.commit();
        return n;
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    }
  }
}
