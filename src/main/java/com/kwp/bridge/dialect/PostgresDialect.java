package com.kwp.bridge.dialect;

import java.sql.SQLException;
import java.util.List;
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

  // ---------------------------------------------------------------- writes (SyncJob)

  @Override
  public BulkPath bulkPath() {
    return BulkPath.POSTGRES_COPY;
  }

  /** UNLOGGED: staging rows are thrown away after the apply, so WAL for them is wasted work. */
  @Override
  public String createStagingTable(TableName staging, TableName target, List<String> columns) {
    return "CREATE UNLOGGED TABLE " + quoteTable(staging) + " AS SELECT " + columnList(columns) + ", CAST(0 AS INTEGER) AS "
        + quoteIdentifier(STAGING_PARTITION_COLUMN) + " FROM " + quoteTable(target) + " WITH NO DATA";
  }

  @Override
  public String leaseAges(TableName leases) {
    return "SELECT table_name, event_id, CAST(EXTRACT(EPOCH FROM (LOCALTIMESTAMP - created_at)) AS BIGINT) AS age_seconds FROM "
        + quoteTable(leases);
  }

  @Override
  public String copyIn(TableName table, List<String> columns) {
    return "COPY " + quoteTable(table) + " (" + columnList(columns) + ") FROM STDIN WITH (FORMAT csv)";
  }
}
