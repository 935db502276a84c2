package com.kwp.bridge.dialect;

import java.sql.SQLException;
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

  @Override
  protected boolean isTransientCode(SQLException e) {
    return super.isTransientCode(e) || TRANSIENT_ERRORS.contains(e.getErrorCode());
  }
}
