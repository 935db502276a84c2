package com.kwp.bridge.jdbc.bulk;

import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * SQL Server's bulk path: {@code SQLServerBulkCopy} on the task's own connection (autoCommit off, so the
 * rows join the task's transaction). Options the driver defaults wrongly for us are set explicitly.
 */
final class SqlServerBulkWriter {
  private SqlServerBulkWriter() {}

  /** Returns the rows written. */
  static long write(Connection c, BulkLoad load, Iterator<Row> rows, int partition) throws SQLException {
    try (SQLServerBulkCopy bulk = new SQLServerBulkCopy(c)) {
      bulk.setBulkCopyOptions(options(load));
      // The driver pastes the destination name verbatim: pass it quoted part by part.
      bulk.setDestinationTableName(load.dialect().names().quoteTable(load.table()));
      for (BulkColumn col : load.columns()) {
        bulk.addColumnMapping(col.name(), col.name());
      }
      SparkRowBulkData data = new SparkRowBulkData(rows, load.columns(), partition);
      bulk.writeToServer(data);
      return data.rowsServed();
    }
  }

  /**
   * keepNulls (else NULL becomes the column default), explicit timeout (default 60 s per whole load), big
   * batches. Into a staging heap: TABLOCK (minimally logged where the recovery model allows), no constraints
   * or triggers (it has none). Into the target (a direct load): no TABLOCK, and the target's CHECK and
   * foreign-key constraints and its triggers apply, as for an INSERT (the driver's defaults would skip them
   * and leave the constraints untrusted).
   */
  static SQLServerBulkCopyOptions options(BulkLoad load) throws SQLException {
    SQLServerBulkCopyOptions o = new SQLServerBulkCopyOptions();
    o.setKeepNulls(true);
    o.setBulkCopyTimeout(load.timeoutSeconds());
    o.setBatchSize(load.batchSize());
    o.setTableLock(!load.direct());
    o.setKeepIdentity(false);
    o.setCheckConstraints(load.direct());
    o.setFireTriggers(load.direct());
    return o;
  }
}
