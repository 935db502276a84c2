package com.kwp.bridge.bench;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.jdbc.JdbcConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * What a hand-written script does today, run on the executors (one connection per Spark partition):
 * PreparedStatement batches of UPDATE by key, then INSERT for the keys the UPDATE did not find; and
 * batches of DELETE by key. One commit per partition. This is the plain-JDBC baseline for keyed writes.
 */
final class JdbcScripts {
  static final int BATCH = 1000;

  private JdbcScripts() {}

  /** Upserts every row of a partition whose columns are {@code columns} (keys among them). */
  record Upsert(ConnectionConfig cfg, String table, List<String> columns, List<String> keys, LongAccumulator affected)
      implements ForeachPartitionFunction<Row> {

    String updateSql() {
      String set = columns.stream().filter(c -> !keys.contains(c)).map(c -> c + " = ?").collect(Collectors.joining(", "));
      return "UPDATE " + table + " SET " + set + " WHERE " + keys.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
    }

    String insertSql() {
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public void call(Iterator<Row> rows) throws SQLException {
      try (Connection c = JdbcConnections.open(cfg)) {
        c.setAutoCommit(false);
        try (PreparedStatement upd = c.prepareStatement(updateSql()); PreparedStatement ins = c.prepareStatement(insertSql())) {
          List<Row> batch = new ArrayList<>(BATCH);
          while (rows.hasNext()) {
            batch.add(rows.next());
            if (batch.size() == BATCH || !rows.hasNext()) {
              flush(batch, upd, ins);
              batch.clear();
            }
          }
        }
        c.commit();
      }
    }

    private void flush(List<Row> batch, PreparedStatement upd, PreparedStatement ins) throws SQLException {
      List<String> nonKeys = columns.stream().filter(col -> !keys.contains(col)).toList();
      for (Row r : batch) {
        int i = 1;
        for (String col : nonKeys) {
          upd.setObject(i++, r.getAs(col));
        }
        for (String k : keys) {
          upd.setObject(i++, r.getAs(k));
        }
        upd.addBatch();
      }
      int[] counts = upd.executeBatch();
      long done = 0;
      boolean inserts = false;
      for (int j = 0; j < counts.length; j++) {
        if (counts[j] == 0) {
          Row r = batch.get(j);
          for (int i = 0; i < columns.size(); i++) {
            ins.setObject(i + 1, r.getAs(columns.get(i)));
          }
          ins.addBatch();
          inserts = true;
        } else {
          done += counts[j];
        }
      }
      if (inserts) {
        for (int n : ins.executeBatch()) {
          done += n;
        }
      }
      affected.add(done);
    }
  }

  /** Deletes every key of a partition whose rows hold the {@code keys} columns. */
  record Delete(ConnectionConfig cfg, String table, List<String> keys, LongAccumulator affected)
      implements ForeachPartitionFunction<Row> {

    String deleteSql() {
      return "DELETE FROM " + table + " WHERE " + keys.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "));
    }

    @Override
    public void call(Iterator<Row> rows) throws SQLException {
      try (Connection c = JdbcConnections.open(cfg)) {
        c.setAutoCommit(false);
        try (PreparedStatement del = c.prepareStatement(deleteSql())) {
          int pending = 0;
          while (rows.hasNext()) {
            Row r = rows.next();
            for (int i = 0; i < keys.size(); i++) {
              del.setObject(i + 1, r.getAs(keys.get(i)));
            }
            del.addBatch();
            if (++pending == BATCH || !rows.hasNext()) {
              for (int n : del.executeBatch()) {
                affected.add(n);
              }
              pending = 0;
            }
          }
        }
        c.commit();
      }
    }
  }
}
