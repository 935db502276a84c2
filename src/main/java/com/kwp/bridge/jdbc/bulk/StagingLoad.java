package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.TableName;
import java.io.Serializable;
import java.util.List;

/**
 * Everything an executor needs to load one staging table: small and serializable (no session, no
 * connection). {@code columns} are the staging columns in order, the partition column included.
 */
public record StagingLoad(
    ConnectionConfig connection, SqlDialect dialect, TableName staging, List<BulkColumn> columns, int batchSize, int timeoutSeconds)
    implements Serializable {

  public StagingLoad {
    columns = List.copyOf(columns);
    if (dialect.bulkPath() == SqlDialect.BulkPath.SQLSERVER_BULK_COPY) {
      // Native temporal path: the default string path breaks on Spark's microsecond timestamps.
      connection = connection.withProperty("sendTemporalDataTypesAsStringForBulkCopy", "false");
    }
  }

  public List<String> columnNames() {
    return columns.stream().map(BulkColumn::name).toList();
  }
}
