package com.kwp.bridge.dialect;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** Microsoft SQL Server and Azure SQL. */
public class SqlServerDialect extends AnsiDialect {
  private static final long serialVersionUID = 1L;

  /**
   * Transient SQL Server / Azure SQL error numbers: deadlock victim 1205, lock timeout 1222, out of lock
   * resources 1204, database unavailable 4060/4221, and Azure SQL throttling/failover codes.
   * https://learn.microsoft.com/azure/azure-sql/database/troubleshoot-common-errors-issues
   */
  static final Set<Integer> TRANSIENT_ERRORS = Set.of(
      1205, 1222, 1204, 4060, 4221, 40197, 40501, 40613, 40143, 40540, 40020, 40166, 49918, 49919, 49920, 10928, 10929);

  /** mssql-jdbc's vendor type codes (microsoft.sql.Types). */
  static final int DATETIMEOFFSET = -155;
  static final int SQL_VARIANT = -156;

  @Override
  public String name() {
    return "sqlserver";
  }

  @Override
  public String driverClass() {
    return "com.microsoft.sqlserver.jdbc.SQLServerDriver";
  }

  @Override
  public String quoteIdentifier(String identifier) {
    return "[" + identifier.replace("]", "]]") + "]";
  }

  /** N'...' so non-ASCII text (año, São Paulo) survives into NVARCHAR comparisons. */
  @Override
  public String stringLiteral(String value) {
    return "N'" + escapeStringContent(value) + "'";
  }

  /** CHECKSUM can return Integer.MIN_VALUE, so ABS would overflow (error 8115): use a double modulo. */
  @Override
  public String hashBucketPredicate(String column, int buckets, int bucket) {
    return "(CHECKSUM(" + quoteIdentifier(column) + ") % " + buckets + " + " + buckets + ") % " + buckets + " = " + bucket;
  }

  /** SQL Server has no DATE '...' literal syntax; an explicit CAST keeps the comparison typed. */
  @Override
  public String dateLiteral(java.time.LocalDate date) {
    return "CAST('" + date + "' AS DATE)";
  }

  /** DATETIME2(7) holds every datetime/datetime2 value, so comparisons never round the column. */
  @Override
  public String timestampLiteral(java.time.LocalDateTime ts) {
    return "CAST('" + ts.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS")) + "' AS DATETIME2(7))";
  }

  /**
   * Types Spark 3.5 reads badly (notes/sqlserver.md 4.2; unverified against a server here): datetimeoffset
   * arrives as a string, so it is converted to its UTC instant as DATETIME2(7) (what Spark 4 does);
   * sql_variant is refused, time maps to a timestamp with an arbitrary date, hierarchyid is a CLR type: all
   * three are read as text.
   */
  @Override
  public java.util.Optional<String> readCast(String column, int jdbcType, String typeName) {
    String c = quoteIdentifier(column);
    String type = typeName == null ? "" : typeName.toLowerCase(java.util.Locale.ROOT);
    if (jdbcType == DATETIMEOFFSET || type.equals("datetimeoffset")) {
      return java.util.Optional.of("CAST(SWITCHOFFSET(" + c + ", '+00:00') AS DATETIME2(7))");
    }
    if (jdbcType == SQL_VARIANT || type.equals("sql_variant")) {
      return java.util.Optional.of("CAST(" + c + " AS NVARCHAR(4000))");
    }
    if (jdbcType == java.sql.Types.TIME || type.equals("time")) {
      return java.util.Optional.of("CAST(" + c + " AS VARCHAR(16))");
    }
    if (type.equals("hierarchyid")) {
      return java.util.Optional.of(c + ".ToString()");
    }
    return java.util.Optional.empty();
  }

  // ---------------------------------------------------------------- catalog (tables by name)
  // OBJECT_ID resolves the name as a query would (default schema); sys views are per database, so a
  // three-part name reads its own database's views. system_type_id 189 is rowversion (TYPE_NAME says "timestamp").

  @Override
  public SqlStatement tableColumnsQuery(TableName table) {
    return SqlStatement.of("SELECT c.name AS column_name, CASE WHEN c.system_type_id = 189 THEN N'rowversion'"
        + " ELSE LOWER(TYPE_NAME(c.system_type_id)) END AS type_name, CASE WHEN c.is_nullable = 0 THEN 1 ELSE 0 END AS not_null,"
        + " CAST(c.is_identity AS INT) AS is_identity FROM " + sys(table, "columns") + " c WHERE c.object_id = OBJECT_ID(?)"
        + " ORDER BY c.column_id", renderName(table));
  }

  @Override
  public SqlStatement tableIndexesQuery(TableName table) {
    return SqlStatement.of("SELECT i.name AS index_name, CAST(i.is_primary_key AS INT) AS is_primary,"
        + " CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS is_clustered, CAST(i.is_unique AS INT) AS is_unique,"
        + " c.name AS column_name, ic.key_ordinal AS key_ordinal FROM " + sys(table, "indexes") + " i"
        + " JOIN " + sys(table, "index_columns") + " ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id"
        + " JOIN " + sys(table, "columns") + " c ON c.object_id = ic.object_id AND c.column_id = ic.column_id"
        + " WHERE i.object_id = OBJECT_ID(?) AND ic.key_ordinal > 0 AND i.has_filter = 0 AND i.is_disabled = 0"
        + " ORDER BY i.index_id, ic.key_ordinal", renderName(table));
  }

  /** Heap (index 0) or clustered index (1) rows; the DMV needs VIEW DATABASE STATE, hence the fallback. */
  @Override
  public SqlStatement rowEstimateQuery(TableName table) {
    return SqlStatement.of("SELECT SUM(ps.row_count) AS row_estimate FROM " + sys(table, "dm_db_partition_stats") + " ps"
        + " WHERE ps.object_id = OBJECT_ID(?) AND ps.index_id IN (0, 1)", renderName(table));
  }

  /** sys.partitions is readable by anyone who can see the table. */
  @Override
  public SqlStatement rowEstimateFallbackQuery(TableName table) {
    return SqlStatement.of("SELECT SUM(p.rows) AS row_estimate FROM " + sys(table, "partitions") + " p"
        + " WHERE p.object_id = OBJECT_ID(?) AND p.index_id IN (0, 1)", renderName(table));
  }

  @Override
  public String tableSample(String renderedTable, java.math.BigDecimal percent) {
    return renderedTable + " TABLESAMPLE SYSTEM (" + percent.toPlainString() + " PERCENT)";
  }

  /** SQL Server has no read-only transaction; run-query relies on its single-SELECT check alone. */
  @Override
  public String readOnlyTransaction() {
    return null;
  }

  /** A typed binary(n) constant, so a rowversion column is compared byte by byte as binary(8). */
  @Override
  public String binaryLiteral(byte[] bytes) {
    return "CAST(0x" + java.util.HexFormat.of().withUpperCase().formatHex(bytes) + " AS BINARY(" + bytes.length + "))";
  }

  /**
   * MIN_ACTIVE_ROWVERSION, not @@DBTS: rows of still-open transactions have rowversions below @@DBTS but
   * commit later; everything below the lowest active one is committed.
   * https://learn.microsoft.com/sql/t-sql/functions/min-active-rowversion-transact-sql
   */
  @Override
  public String rowversionUpperBoundQuery() {
    return "SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BINARY(8)) AS hi";
  }

  private String sys(TableName table, String view) {
    return (table.catalog() == null ? "" : renderNamePart(table.catalog()) + ".") + "sys." + view;
  }

  @Override
  protected boolean isTransientCode(SQLException e) {
    return super.isTransientCode(e) || TRANSIENT_ERRORS.contains(e.getErrorCode());
  }

  // ---------------------------------------------------------------- writes (SyncJob)

  @Override
  public BulkPath bulkPath() {
    return BulkPath.SQLSERVER_BULK_COPY;
  }

  /** CREATE SCHEMA must be alone in its batch, hence EXEC. */
  @Override
  public String createSchemaIfMissing(String schema) {
    return "IF SCHEMA_ID(" + stringLiteral(schema) + ") IS NULL EXEC(" + stringLiteral("CREATE SCHEMA " + quoteIdentifier(schema)) + ")";
  }

  /**
   * SELECT ... INTO clones the target's types; the UNION ALL branch is there because SELECT INTO copies the
   * IDENTITY property unless the query has a UNION, and a staging table must accept the key values as given.
   */
  @Override
  public String createStagingTable(TableName staging, TableName target, List<String> columns) {
    String cols = columnList(columns);
    String t = quoteTable(target);
    return "SELECT " + cols + ", CAST(0 AS INT) AS " + quoteIdentifier(STAGING_PARTITION_COLUMN) + " INTO " + quoteTable(staging)
        + " FROM " + t + " WHERE 1 = 0 UNION ALL SELECT " + cols + ", CAST(0 AS INT) FROM " + t + " WHERE 1 = 0";
  }

  @Override
  public String createLedgerTable(TableName ledger) {
    String l = quoteTable(ledger);
    return "IF OBJECT_ID(" + stringLiteral(l) + ", N'U') IS NULL CREATE TABLE " + l + " (event_id NVARCHAR(64) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,"
        + " applied_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME(), rows_affected BIGINT NOT NULL)";
  }

  /** Binary collation: ids compare exactly, as in Delta (the server's default collation often ignores case). */
  @Override
  public String createClaimsTable(TableName claims) {
    return "CREATE TABLE " + quoteTable(claims) + " (event_id NVARCHAR(64) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,"
        + " commit_version BIGINT NULL, claimed_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME())";
  }

  @Override
  public String createLeaseTable(TableName leases) {
    String l = quoteTable(leases);
    return "IF OBJECT_ID(" + stringLiteral(l) + ", N'U') IS NULL CREATE TABLE " + l + " (table_name NVARCHAR(128) NOT NULL PRIMARY KEY,"
        + " event_id NVARCHAR(64) NOT NULL, created_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME())";
  }

  @Override
  public String leaseAges(TableName leases) {
    return "SELECT table_name, event_id, CAST(DATEDIFF_BIG(SECOND, created_at, SYSUTCDATETIME()) AS BIGINT) AS age_seconds FROM " + quoteTable(leases);
  }

  /** Default collations (_CI_) compare identifiers case-insensitively; a _CS_ server is stricter than the grant, never looser. */
  @Override
  public boolean identifiersCaseSensitive() {
    return false;
  }

  @Override
  public String updateFromStaging(TableName target, TableName staging, List<String> keys, List<String> values) {
    StringBuilder set = new StringBuilder();
    for (String v : values) {
      set.append(set.length() == 0 ? "" : ", ").append("t.").append(quoteIdentifier(v)).append(" = s.").append(quoteIdentifier(v));
    }
    return "UPDATE t SET " + set + " FROM " + quoteTable(target) + " AS t INNER JOIN " + quoteTable(staging) + " AS s ON "
        + keyMatch(keys, "t", "s");
  }

  /** UPDLOCK, HOLDLOCK: no concurrent writer can insert a key between the NOT EXISTS check and the insert (no MERGE). */
  @Override
  public String insertMissingFromStaging(TableName target, TableName staging, List<String> keys, List<String> columns) {
    return "INSERT INTO " + quoteTable(target) + " (" + columnList(columns) + ") SELECT " + columnList("s", columns) + " FROM "
        + quoteTable(staging) + " AS s WHERE NOT EXISTS (SELECT 1 FROM " + quoteTable(target) + " AS t WITH (UPDLOCK, HOLDLOCK) WHERE "
        + keyMatch(keys, "t", "s") + ")";
  }

  @Override
  public String deleteFromStaging(TableName target, TableName staging, List<String> keys) {
    return "DELETE t FROM " + quoteTable(target) + " AS t WHERE EXISTS (SELECT 1 FROM " + quoteTable(staging) + " AS s WHERE "
        + keyMatch(keys, "t", "s") + ")";
  }
}
