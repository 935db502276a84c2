package com.kwp.bridge.bench;

import com.kwp.bridge.testing.TestDatabase;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * The TDS rows' data, prepared once and not timed: the run's {@code lineitem} bulk-copied into the endpoint as
 * {@code bench_lineitem} with TPC-H's primary key (from the text dump {@link Workload} already made, so both
 * servers hold the very same rows), and text dumps of the upsert set and the delete keys for the TDS limits. The
 * sync paths read the same Delta sources as the PostgreSQL rows.
 */
record TdsWorkload(String table, long rows, Path fullText, Path upsertText, Path deleteText) {
  static final String TABLE = "bench_lineitem";
  static final java.util.List<String> DATE_COLUMNS = java.util.List.of("l_shipdate", "l_commitdate", "l_receiptdate");

  static TdsWorkload prepare(TestDatabase pg, TestDatabase tds, Workload w, Path work) throws Exception {
    String table = tds.qualified(TABLE);
    tds.execute(TpchLoader.createTableSql(TpchTable.LINE_ITEM, table));
    // Babelfish 4.2 stores bulk-copied DATE values wrong (as strings or as java.sql.Date): the rows are bulk-copied
    // into a copy whose date columns are text, then converted by the server in one INSERT ... SELECT.
    String text = tds.qualified(TABLE + "_text");
    tds.execute(TpchLoader.createTableSql(TpchTable.LINE_ITEM, text));
    for (String d : DATE_COLUMNS) {
      tds.execute("ALTER TABLE " + text + " ALTER COLUMN " + d + " varchar(10)");
    }
    try (Connection c = tds.open()) {
      c.setAutoCommit(false);
      TdsBulk.load(c, text, w.fullText());
      try (java.sql.Statement st = c.createStatement()) {
        st.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + text);
        st.execute("DROP TABLE " + text);
      }
      c.commit();
    }
    long rows = tds.count(table);
    if (rows != w.lineitemRows()) {
      throw new IllegalStateException("bulk copy loaded " + rows + " rows into " + table + ", lineitem has " + w.lineitemRows());
    }
    // As a SQL Server table almost always is: keyed (clustered there; Babelfish makes every index nonclustered), so a
    // range partition of l_orderkey can read its range, not the whole heap. (Babelfish 4.2 has no UPDATE STATISTICS.)
    tds.execute("ALTER TABLE " + table + " ADD PRIMARY KEY (" + String.join(", ", Workload.KEYS) + ")");
    // the dates too: a bulk path that mangles them would not show in the sync fingerprints
    String dates = "SELECT CAST(MIN(l_shipdate) AS varchar(10)) + ' ' + CAST(MAX(l_receiptdate) AS varchar(10)) FROM ";
    String got = tds.query(dates + table, TdsWorkload::first).get(0);
    String expected = pg.query(dates.replace(" + ", " || ") + Workload.TABLE, TdsWorkload::first).get(0);
    if (!got.equals(expected)) {
      throw new IllegalStateException("dates differ after the bulk copy: " + table + " has " + got + ", lineitem " + expected);
    }
    Path upsert = work.resolve("tds-upsert.copy");
    Path deletes = work.resolve("tds-delete.copy");
    try (Connection c = pg.open()) {
      PgCopy.dumpToFile(c, Workload.upsertQuery(), PgCopy.Format.TEXT, upsert);
      PgCopy.dumpToFile(c, Workload.deleteQuery(), PgCopy.Format.TEXT, deletes);
    }
    return new TdsWorkload(TABLE, rows, w.fullText(), upsert, deletes);
  }

  private static String first(java.sql.ResultSet rs) {
    try {
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An empty sync target shaped like lineitem with its TPC-H primary key, in T-SQL. */
  static String[] createTargetSql(TestDatabase tds, String target) {
    String t = tds.qualified(target);
    return new String[] {TpchLoader.createTableSql(TpchTable.LINE_ITEM, t),
        "ALTER TABLE " + t + " ADD PRIMARY KEY (" + String.join(", ", Workload.KEYS) + ")"};
  }
}
