package com.kwp.bridge.dialect;

import java.sql.SQLException;
import java.util.Set;

/** PostgreSQL: the database the tests run against for real, and a supported target. */
public class PostgresDialect extends AnsiDialect {
  private static final long serialVersionUID = 1L;

  /** Deadlock, serialization failure, too many connections, admin shutdown, lock not available. */
  private static final Set<String> TRANSIENT_STATES = Set.of("40P01", "40001", "53300", "57P01", "57P02", "57P03", "55P03");

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String driverClass() {
    return "org.postgresql.Driver";
  }

  @Override
  public String hashBucketPredicate(String column, int buckets, int bucket) {
    return "(hashtext(CAST(" + quoteIdentifier(column) + " AS text)) % " + buckets + " + " + buckets + ") % " + buckets + " = " + bucket;
  }

  @Override
  protected boolean isTransientCode(SQLException e) {
    return super.isTransientCode(e) || (e.getSQLState() != null && TRANSIENT_STATES.contains(e.getSQLState()));
  }
}
