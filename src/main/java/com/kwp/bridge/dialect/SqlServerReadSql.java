package com.kwp.bridge.dialect;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SQL Server's read SQL: CHECKSUM buckets, casts for types Spark 3.5 misreads, rowversion windows. */
public class SqlServerReadSql extends ReadSql {
  private static final long serialVersionUID = 1L;

  /** mssql-jdbc's vendor type codes (microsoft.sql.Types). */
  static final int DATETIMEOFFSET = -155;
  static final int SQL_VARIANT = -156;

  public SqlServerReadSql(SqlNames names) {
    super(names);
  }

  /** CHECKSUM can return Integer.MIN_VALUE, so ABS would overflow (error 8115): use a double modulo. */
  @Override
  public String hashBucketPredicate(String column, int buckets, int bucket) {
    return "(CHECKSUM(" + names.quoteIdentifier(column) + ") % " + buckets + " + " + buckets + ") % " + buckets + " = " + bucket;
  }

  /**
   * Types Spark 3.5 reads badly (notes/sqlserver.md 4.2; unverified against a server here): datetimeoffset
   * arrives as a string, so it is converted to its UTC instant as DATETIME2(7) (what Spark 4 does);
   * sql_variant is refused, time maps to a timestamp with an arbitrary date, hierarchyid is a CLR type: all
   * three are read as text.
   */
  @Override
  public Optional<String> readCast(String column, int jdbcType, String typeName) {
    String c = names.quoteIdentifier(column);
    String type = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (jdbcType == DATETIMEOFFSET || type.equals("datetimeoffset")) {
      return Optional.of("CAST(SWITCHOFFSET(" + c + ", '+00:00') AS DATETIME2(7))");
    }
    if (jdbcType == SQL_VARIANT || type.equals("sql_variant")) {
      return Optional.of("CAST(" + c + " AS NVARCHAR(4000))");
    }
    if (jdbcType == java.sql.Types.TIME || type.equals("time")) {
      return Optional.of("CAST(" + c + " AS VARCHAR(16))");
    }
    if (type.equals("hierarchyid")) {
      return Optional.of(c + ".ToString()");
    }
    return Optional.empty();
  }

  @Override
  public String tableSample(String renderedTable, BigDecimal percent) {
    return renderedTable + " TABLESAMPLE SYSTEM (" + percent.toPlainString() + " PERCENT)";
  }

  /** SQL Server has no read-only transaction; run-query relies on its single-SELECT check alone. */
  @Override
  public String readOnlyTransaction() {
    return null;
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

  /**
   * Babelfish 4.2 has no MIN_ACTIVE_ROWVERSION; its rowversion is the writing (sub)transaction's 64-bit id,
   * so the snapshot's xmin (the oldest still-running transaction id) is the same bound. Only run after the
   * first statement failed, which SQL Server's never does for a missing function.
   */
  @Override
  public String rowversionUpperBoundFallbackQuery() {
    return "SELECT CAST(CAST(txid_snapshot_xmin(txid_current_snapshot()) AS BIGINT) AS BINARY(8)) AS hi";
  }

  /**
   * Table-level change tracking (the database must have it on: see the README). Column tracking is off: the
   * bridge reads whole rows, so per-column masks would only cost space.
   */
  @Override
  public List<String> changeTrackingSetup(TableName table, List<String> keys) {
    return List.of("ALTER TABLE " + names.renderName(table) + " ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF)");
  }

  /** SQL Server cleans its change tracking up itself (CHANGE_RETENTION, AUTO_CLEANUP). */
  @Override
  public List<String> changeLogCleanup(TableName table, String retention) {
    throw new UnsupportedOperationException("SQL Server cleans up change tracking itself; set CHANGE_RETENTION on the database");
  }

  @Override
  public String changeVersionLock(TableName table) {
    return null;
  }

  /** https://learn.microsoft.com/sql/relational-databases/system-functions/change-tracking-current-version-transact-sql */
  @Override
  public String changeCurrentVersionQuery(TableName table) {
    return "SELECT CHANGE_TRACKING_CURRENT_VERSION() AS v";
  }

  @Override
  public String changeMinValidVersionQuery(TableName table) {
    return "SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(" + names.stringLiteral(names.renderName(table)) + ")) AS v";
  }

  /**
   * CHANGETABLE(CHANGES) gives one row per key, its net change since {@code fromVersion}; it has no upper
   * bound, so a change after {@code toVersion} is read now and again next run, which the MERGE makes harmless.
   */
  @Override
  public String changesQuery(TableName table, List<String> keys, List<String> columns, long fromVersion, long toVersion) {
    String t = names.renderName(table);
    return "SELECT " + changeColumns(keys, columns, "bridge_ct", "bridge_row", "bridge_ct.SYS_CHANGE_OPERATION")
        + " FROM CHANGETABLE(CHANGES " + t + ", " + fromVersion + ") AS bridge_ct LEFT JOIN " + t + " AS bridge_row ON "
        + keyJoin(keys, "bridge_row", "bridge_ct");
  }
}
