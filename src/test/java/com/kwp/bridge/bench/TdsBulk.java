package com.kwp.bridge.bench;

import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQL Server's bulk path for the TDS limits and the untimed load: {@code SQLServerBulkCopy} of a file PostgreSQL
 * dumped in COPY's text format ({@link TextFileBulkData}) into a table, on the caller's connection so it joins the
 * caller's transaction. The file's columns are the table's, in order; their types are read from the table itself.
 */
final class TdsBulk {
  private TdsBulk() {}

  /** Loads {@code file} into {@code table} (quoted, schema-qualified) in one batch. */
  static void load(Connection c, String table, Path file) throws Exception {
    TextFileBulkData rows;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT TOP 0 * FROM " + table)) {
      rows = new TextFileBulkData(file, rs.getMetaData());
    }
    try (rows; SQLServerBulkCopy bulk = new SQLServerBulkCopy(c)) {
      SQLServerBulkCopyOptions o = new SQLServerBulkCopyOptions();
      o.setBatchSize(0); // one batch: the least per-batch overhead
      o.setTableLock(true);
      o.setBulkCopyTimeout(0);
      bulk.setBulkCopyOptions(o);
      bulk.setDestinationTableName(table);
      bulk.writeToServer(rows);
    }
  }
}
