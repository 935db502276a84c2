package com.kwp.bridge.bench;

import com.kwp.bridge.testing.TestDatabase;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The data every measurement uses, prepared once per run and not timed: TPC-H {@code lineitem} and
 * {@code orders} in PostgreSQL, and for sync the same rows as Delta tables (full table, the 10 % upsert
 * set, the 1 % delete keys, a quarter of the table) plus COPY files of the very same rows for the limits:
 * each set in binary COPY format, whole and in two halves split at the median order key (the two Delta files
 * are two key ranges split near the median by Spark's sampling, so a two-connection limit loads about what
 * the bridge's two tasks load), and the full table also in COPY's text format.
 *
 * <p>The upsert set is every line of orders whose key is a multiple of 10, quantity plus one; lines of
 * orders whose key is a multiple of 100 get a new line number, so about a tenth of the upsert inserts.
 * The delete set is the keys of orders whose key is 1 modulo 100 (disjoint from the upsert set).
 */
record Workload(long lineitemRows, long orderRows, Path full, Path upsert, Path deletes, Path quarter,
    Path fullText, CopyFiles fullFiles, CopyFiles upsertFiles, CopyFiles deleteFiles, long upsertRows, long upsertInserts,
    long deleteRows, long quarterRows, CopyFiles quarterFiles) {

  static final String TABLE = "lineitem";
  static final List<String> KEYS = List.of("l_orderkey", "l_linenumber");

  /**
   * One row set dumped by the server in binary COPY format ({@code COPY (query) TO STDOUT (FORMAT binary)}):
   * {@code whole} in one file, {@code halves} the same rows in two files split at the median {@code l_orderkey},
   * each in the query's (key) order; {@code rows} its row count.
   */
  record CopyFiles(Path whole, List<Path> halves, long rows) {}

  static List<String> columns() {
    return TpchTable.LINE_ITEM.getColumns().stream().map(TpchColumn::getColumnName).toList();
  }

  static String upsertQuery() {
    String cols = columns().stream().map(c -> switch (c) {
      case "l_linenumber" -> "CASE WHEN l_orderkey % 100 = 0 THEN l_linenumber + 100 ELSE l_linenumber END AS l_linenumber";
      // typed as the target column: unconstrained numeric would reach Delta as decimal(38,18), which sync refuses
      case "l_quantity" -> "CAST(l_quantity + 1 AS numeric(15,2)) AS l_quantity";
      default -> c;
    }).collect(Collectors.joining(", "));
    return "SELECT " + cols + " FROM " + TABLE + " WHERE l_orderkey % 10 = 0";
  }

  static String deleteQuery() {
    return "SELECT l_orderkey, l_linenumber FROM " + TABLE + " WHERE l_orderkey % 100 = 1";
  }

  static String quarterQuery() {
    return "SELECT * FROM " + TABLE + " WHERE l_orderkey % 4 = 0";
  }

  /** Generates and loads TPC-H at {@code scale}, then derives the sync sources under {@code work}. */
  static Workload prepare(SparkSession spark, TestDatabase db, double scale, Path work) throws Exception {
    long lineitems;
    long orders;
    try (Connection c = db.open()) {
      orders = TpchLoader.load(c, TpchTable.ORDERS, scale, "orders");
      lineitems = TpchLoader.load(c, TpchTable.LINE_ITEM, scale, TABLE);
    }
    Path full = toDelta(spark, db, "SELECT * FROM " + TABLE, work.resolve("src_full"));
    Path upsert = toDelta(spark, db, upsertQuery(), work.resolve("src_upsert"));
    Path deletes = toDelta(spark, db, deleteQuery(), work.resolve("src_delete"));
    Path quarter = toDelta(spark, db, quarterQuery(), work.resolve("src_quarter"));
    try (Connection c = db.open()) {
      Path fullText = work.resolve("full.copy");
      PgCopy.dumpToFile(c, "SELECT * FROM " + TABLE, PgCopy.Format.TEXT, fullText);
      CopyFiles fullFiles = binaryFiles(c, "SELECT * FROM " + TABLE, work, "full");
      CopyFiles upsertFiles = binaryFiles(c, upsertQuery(), work, "upsert");
      CopyFiles deleteFiles = binaryFiles(c, deleteQuery(), work, "delete");
      CopyFiles quarterFiles = binaryFiles(c, quarterQuery(), work, "quarter");
      long upsertInserts = db.count("(SELECT 1 FROM " + TABLE + " WHERE l_orderkey % 100 = 0) x");
      long quarterRows = db.count("(" + quarterQuery() + ") x");
      return new Workload(lineitems, orders, full, upsert, deletes, quarter, fullText, fullFiles, upsertFiles, deleteFiles,
          upsertFiles.rows(), upsertInserts, deleteFiles.rows(), quarterRows, quarterFiles);
    }
  }

  /** Dumps {@code query}'s rows in binary COPY format, whole and in two halves at the median order key. */
  private static CopyFiles binaryFiles(Connection c, String query, Path work, String name) throws Exception {
    Path whole = work.resolve(name + ".bin");
    long rows = PgCopy.dumpToFile(c, query, PgCopy.Format.BINARY, whole);
    long median;
    try (java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY l_orderkey) FROM (" + query + ") q")) {
      rs.next();
      median = rs.getLong(1);
    }
    Path low = work.resolve(name + "-1.bin");
    Path high = work.resolve(name + "-2.bin");
    PgCopy.dumpToFile(c, "SELECT * FROM (" + query + ") q WHERE l_orderkey < " + median, PgCopy.Format.BINARY, low);
    PgCopy.dumpToFile(c, "SELECT * FROM (" + query + ") q WHERE l_orderkey >= " + median, PgCopy.Format.BINARY, high);
    return new CopyFiles(whole, List.of(low, high), rows);
  }

  /**
   * Copies a query's rows from the database into a path-based Delta table, in two files (two cores), each a
   * contiguous key range in key order: the order of the COPY files the limits read. (A round-robin split
   * would interleave the keys of the two files, and every path reading it would pay for index inserts out of
   * order that the limits never see.)
   */
  private static Path toDelta(SparkSession spark, TestDatabase db, String query, Path dest) {
    spark.read().jdbc(db.url(), "(" + query + ") q", db.connection().driverProperties())
        .repartitionByRange(2, org.apache.spark.sql.functions.col(KEYS.get(0)))
        .sortWithinPartitions(KEYS.get(0), KEYS.get(1))
        .write().format("delta").save(dest.toString());
    return dest;
  }

  /** The DDL of an empty sync target shaped like lineitem with its TPC-H primary key. */
  static String[] createTargetSql(String target) {
    return new String[] {
        "CREATE TABLE " + target + " (LIKE " + TABLE + ")",
        "ALTER TABLE " + target + " ADD PRIMARY KEY (" + String.join(", ", KEYS) + ")"};
  }
}
