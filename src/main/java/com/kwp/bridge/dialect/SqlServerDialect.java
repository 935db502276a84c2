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

  @Override
  protected boolean isTransientCode(SQLException e) {
    return super.isTransientCode(e) || TRANSIENT_ERRORS.contains(e.getErrorCode());
  }
}
