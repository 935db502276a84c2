package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.dialect.ApplySql;
import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.TableName;
import java.io.Serializable;
import java.util.List;

/**
 * Everything an executor needs to bulk-load one table: small and serializable (no session, no connection).
 * {@code table} is a staging table ({@code columns} then include the partition column) or, for a direct
 * load in one transaction, the target itself ({@code direct}: the target's constraints and triggers apply
 * exactly as they would to an {@code INSERT}).
 */
public record BulkLoad(
    ConnectionConfig connection, SqlDialect dialect, TableName table, List<BulkColumn> columns, int batchSize, int timeoutSeconds,
    boolean direct) implements Serializable {

  public BulkLoad {
    columns = List.copyOf(columns);
    if (dialect.apply().bulkPath() == ApplySql.BulkPath.SQLSERVER_BULK_COPY) {
      // Native temporal path: the default string path breaks on Spark's microsecond timestamps.
      connection = connection.withProperty("sendTemporalDataTypesAsStringForBulkCopy", "false");
    }
  }

  public List<String> columnNames() {
    return columns.stream().map(BulkColumn::name).toList();
  }
}
