package com.kwp.bridge.dialect;

import java.util.List;

/** SQL Server's apply SQL: bulk copy into SELECT INTO staging, joined UPDATE, locked anti-join INSERT. */
public class SqlServerApplySql extends ApplySql {
  private static final long serialVersionUID = 1L;

  public SqlServerApplySql(SqlNames names) {
    super(names);
  }

  @Override
  public BulkPath bulkPath() {
    return BulkPath.SQLSERVER_BULK_COPY;
  }

  /**
   * SELECT ... INTO clones the target's types; the UNION ALL branch is there because SELECT INTO copies the
   * IDENTITY property unless the query has a UNION, and a staging table must accept the key values as given.
   */
  @Override
  public String createStagingTable(TableName staging, TableName target, List<String> columns) {
    String cols = names.columnList(columns);
    String t = names.quoteTable(target);
    return "SELECT " + cols + ", CAST(0 AS INT) AS " + names.quoteIdentifier(STAGING_PARTITION_COLUMN) + " INTO " + names.quoteTable(staging)
        + " FROM " + t + " WHERE 1 = 0 UNION ALL SELECT " + cols + ", CAST(0 AS INT) FROM " + t + " WHERE 1 = 0";
  }

  @Override
  public String updateFromStaging(TableName target, TableName staging, List<String> keys, List<String> values) {
    StringBuilder set = new StringBuilder();
    for (String v : values) {
      set.append(set.length() == 0 ? "" : ", ").append("t.").append(names.quoteIdentifier(v)).append(" = s.").append(names.quoteIdentifier(v));
    }
    return "UPDATE t SET " + set + " FROM " + names.quoteTable(target) + " AS t INNER JOIN " + names.quoteTable(staging) + " AS s ON "
        + keyMatch(keys, "t", "s");
  }

  /** UPDLOCK, HOLDLOCK: no concurrent writer can insert a key between the NOT EXISTS check and the insert (no MERGE). */
  @Override
  public String insertMissingFromStaging(TableName target, TableName staging, List<String> keys, List<String> columns) {
    return "INSERT INTO " + names.quoteTable(target) + " (" + names.columnList(columns) + ") SELECT " + names.columnList("s", columns)
        + " FROM " + names.quoteTable(staging) + " AS s WHERE NOT EXISTS (SELECT 1 FROM " + names.quoteTable(target)
        + " AS t WITH (UPDLOCK, HOLDLOCK) WHERE " + keyMatch(keys, "t", "s") + ")";
  }

  @Override
  public String deleteFromStaging(TableName target, TableName staging, List<String> keys) {
    return "DELETE t FROM " + names.quoteTable(target) + " AS t WHERE EXISTS (SELECT 1 FROM " + names.quoteTable(staging) + " AS s WHERE "
        + keyMatch(keys, "t", "s") + ")";
  }

  /** COUNT returns INT, which overflows past 2^31 rows. */
  @Override
  public String countRows(TableName table) {
    return "SELECT COUNT_BIG(*) FROM " + names.quoteTable(table);
  }
}
