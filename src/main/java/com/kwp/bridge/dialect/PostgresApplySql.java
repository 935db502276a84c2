package com.kwp.bridge.dialect;

import java.util.List;
import java.util.Optional;

/** PostgreSQL's apply SQL: COPY into UNLOGGED staging, ANALYZE, join deletes and ON CONFLICT upserts. */
public class PostgresApplySql extends ApplySql {
  private static final long serialVersionUID = 1L;

  public PostgresApplySql(SqlNames names) {
    super(names);
  }

  @Override
  public BulkPath bulkPath() {
    return BulkPath.POSTGRES_COPY;
  }

  /** UNLOGGED: staging rows are thrown away after the apply, so WAL for them is wasted work. */
  @Override
  public String createStagingTable(TableName staging, TableName target, List<String> columns) {
    return "CREATE UNLOGGED TABLE " + names.quoteTable(staging) + " AS SELECT " + names.columnList(columns) + ", CAST(0 AS INTEGER) AS "
        + names.quoteIdentifier(STAGING_PARTITION_COLUMN) + " FROM " + names.quoteTable(target) + " WITH NO DATA";
  }

  @Override
  public String copyIn(TableName table, List<String> columns, boolean binary) {
    return "COPY " + names.quoteTable(table) + " (" + names.columnList(columns) + ") FROM STDIN WITH (FORMAT " + (binary ? "binary" : "csv") + ")";
  }

  /** A freshly loaded table has no statistics: the UPDATE/anti-join plans would be guessed. */
  @Override
  public Optional<String> analyzeStaging(TableName staging) {
    return Optional.of("ANALYZE " + names.quoteTable(staging));
  }

  /**
   * One pass over the staged rows, each an index probe: at 600k rows into 6M it took a third of the
   * UPDATE join plus the anti-join INSERT, and a duplicate staged key fails it (SQLSTATE 21000) instead of
   * needing a GROUP BY check first.
   */
  @Override
  public String upsertFromStaging(TableName target, TableName staging, List<String> keys, List<String> columns, List<String> values) {
    StringBuilder set = new StringBuilder();
    for (String v : values) {
      set.append(set.length() == 0 ? "" : ", ").append(names.quoteIdentifier(v)).append(" = EXCLUDED.").append(names.quoteIdentifier(v));
    }
    return "INSERT INTO " + names.quoteTable(target) + " (" + names.columnList(columns) + ") SELECT " + names.columnList(columns) + " FROM "
        + names.quoteTable(staging) + " ON CONFLICT (" + names.columnList(keys) + ") DO UPDATE SET " + set;
  }

  /** cardinality_violation: "ON CONFLICT DO UPDATE command cannot affect row a second time". */
  @Override
  public boolean isDuplicateSourceKey(String sqlState) {
    return "21000".equals(sqlState);
  }

  /**
   * A join, not the default's semi-join: PostgreSQL then drives the target's key index from the staged keys
   * (nested loop) instead of de-duplicating them first, which spilled to disk at 60k keys. Each target row
   * is deleted once however many staged rows match it, so the row count stays the number of rows removed.
   */
  @Override
  public String deleteFromStaging(TableName target, TableName staging, List<String> keys) {
    return "DELETE FROM " + names.quoteTable(target) + " AS t USING " + names.quoteTable(staging) + " AS s WHERE " + keyMatch(keys, "t", "s");
  }
}
