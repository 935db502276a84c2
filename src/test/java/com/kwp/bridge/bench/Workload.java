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
 * set, the 1 % delete keys, a quarter of the table) plus COPY files of the very same rows for the limits.
 *
 * <p>The upsert set is every line of orders whose key is a multiple of 10, quantity plus one; lines of
 * orders whose key is a multiple of 100 get a new line number, so about a tenth of the upsert inserts.
 * The delete set is the keys of orders whose key is 1 modulo 100 (disjoint from the upsert set).
 */
record Workload(long lineitemRows, long orderRows, Path full, Path upsert, Path deletes, Path quarter,
    Path fullFile, Path upsertFile, Path deleteFile, long upsertRows, long upsertInserts, long deleteRows, long quarterRows) {

  static final String TABLE = "lineitem";
  static final List<String> KEYS = List.of("l_orderkey", "l_linenumber");

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
      Path fullFile = work.resolve("full.copy");
      Path upsertFile = work.resolve("upsert.copy");
      Path deleteFile = work.resolve("delete.copy");
      PgCopy.dumpToFile(c, "SELECT * FROM " + TABLE, fullFile);
      long upsertRows = PgCopy.dumpToFile(c, upsertQuery(), upsertFile);
      long deleteRows = PgCopy.dumpToFile(c, deleteQuery(), deleteFile);
      long upsertInserts = db.count("(SELECT 1 FROM " + TABLE + " WHERE l_orderkey % 100 = 0) x");
      long quarterRows = db.count("(" + quarterQuery() + ") x");
      return new Workload(lineitems, orders, full, upsert, deletes, quarter, fullFile, upsertFile, deleteFile,
          upsertRows, upsertInserts, deleteRows, quarterRows);
    }
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
