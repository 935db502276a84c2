package com.kwp.bridge.dialect;

/** PostgreSQL's read SQL: the ANSI forms plus hash buckets. */
public class PostgresReadSql extends ReadSql {
  private static final long serialVersionUID = 1L;

  public PostgresReadSql(SqlNames names) {
    super(names);
  }

  @Override
  public String hashBucketPredicate(String column, int buckets, int bucket) {
    return "(hashtext(CAST(" + names.quoteIdentifier(column) + " AS text)) % " + buckets + " + " + buckets + ") % " + buckets + " = " + bucket;
  }
}
