package com.kwp.bridge.dialect;

/** PostgreSQL's bookkeeping SQL: the ANSI tables, lease ages by EXTRACT(EPOCH ...). */
public class PostgresBookkeepingSql extends BookkeepingSql {
  private static final long serialVersionUID = 1L;

  public PostgresBookkeepingSql(SqlNames names) {
    super(names);
  }

  @Override
  public String leaseAges(TableName leases) {
    return "SELECT table_name, event_id, CAST(EXTRACT(EPOCH FROM (LOCALTIMESTAMP - created_at)) AS BIGINT) AS age_seconds FROM "
        + names.quoteTable(leases);
  }
}
