package com.kwp.bridge.dialect;

/**
 * SQL Server's bookkeeping SQL: no CREATE ... IF NOT EXISTS, so OBJECT_ID / SCHEMA_ID guards; event ids in a
 * binary collation so they compare exactly, as in Delta (the server's default collation often ignores case).
 */
public class SqlServerBookkeepingSql extends BookkeepingSql {
  private static final long serialVersionUID = 1L;

  public SqlServerBookkeepingSql(SqlNames names) {
    super(names);
  }

  /** CREATE SCHEMA must be alone in its batch, hence EXEC. */
  @Override
  public String createSchemaIfMissing(String schema) {
    return "IF SCHEMA_ID(" + names.stringLiteral(schema) + ") IS NULL EXEC(" + names.stringLiteral("CREATE SCHEMA " + names.quoteIdentifier(schema)) + ")";
  }

  @Override
  public String createLedgerTable(TableName ledger) {
    String l = names.quoteTable(ledger);
    return "IF OBJECT_ID(" + names.stringLiteral(l) + ", N'U') IS NULL CREATE TABLE " + l
        + " (event_id NVARCHAR(64) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,"
        + " applied_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME(), rows_affected BIGINT NOT NULL)";
  }

  @Override
  public String createClaimsTable(TableName claims) {
    return "CREATE TABLE " + names.quoteTable(claims) + " (event_id NVARCHAR(64) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,"
        + " commit_version BIGINT NULL, claimed_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME())";
  }

  @Override
  public String createLeaseTable(TableName leases) {
    String l = names.quoteTable(leases);
    return "IF OBJECT_ID(" + names.stringLiteral(l) + ", N'U') IS NULL CREATE TABLE " + l + " (table_name NVARCHAR(128) NOT NULL PRIMARY KEY,"
        + " event_id NVARCHAR(64) NOT NULL, created_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME())";
  }

  @Override
  public String leaseAges(TableName leases) {
    return "SELECT table_name, event_id, CAST(DATEDIFF_BIG(SECOND, created_at, SYSUTCDATETIME()) AS BIGINT) AS age_seconds FROM "
        + names.quoteTable(leases);
  }
}
