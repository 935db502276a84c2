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

  // ---------------------------------------------------------------- catalog (tables by name)
  // to_regclass resolves the name the way a query would (search_path, case folding of unquoted parts).

  @Override
  public SqlStatement tableColumnsQuery(TableName table) {
    return SqlStatement.of("SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type_name,"
        + " a.attnotnull AS not_null, (a.attidentity <> '' OR COALESCE(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false)) AS is_identity"
        + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", renderName(table));
  }

  @Override
  public SqlStatement tableIndexesQuery(TableName table) {
    return SqlStatement.of("SELECT ic.relname AS index_name, i.indisprimary AS is_primary, i.indisclustered AS is_clustered,"
        + " i.indisunique AS is_unique, a.attname AS column_name, k.ord AS key_ordinal"
        + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
        + " CROSS JOIN LATERAL unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k(attnum, ord)"
        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        + " WHERE i.indrelid = to_regclass(?) AND k.ord <= i.indnkeyatts AND i.indexprs IS NULL AND i.indpred IS NULL AND i.indisvalid"
        + " ORDER BY ic.relname, k.ord", renderName(table));
  }

  /** reltuples is -1 (PostgreSQL 14+) or 0 with no pages (older) until the table is first analyzed: unknown. */
  @Override
  public SqlStatement rowEstimateQuery(TableName table) {
    return SqlStatement.of("SELECT CASE WHEN c.reltuples < 0 OR (c.reltuples = 0 AND c.relpages = 0) THEN NULL"
        + " ELSE CAST(c.reltuples AS bigint) END AS row_estimate FROM pg_class c WHERE c.oid = to_regclass(?)", renderName(table));
  }

  @Override
  public String binaryLiteral(byte[] bytes) {
    return "CAST('\\x" + java.util.HexFormat.of().formatHex(bytes) + "' AS bytea)";
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

  /** A freshly loaded table has no statistics: the UPDATE/anti-join plans would be guessed. */
  @Override
  public java.util.Optional<String> analyzeStaging(TableName staging) {
    return java.util.Optional.of("ANALYZE " + quoteTable(staging));
  }

  /**
   * A join, not the default's semi-join: PostgreSQL then drives the target's key index from the staged keys
   * (nested loop) instead of de-duplicating them first, which spilled to disk at 60k keys. Each target row
   * is deleted once however many staged rows match it, so the row count stays the number of rows removed.
   */
  @Override
  public String deleteFromStaging(TableName target, TableName staging, List<String> keys) {
    return "DELETE FROM " + quoteTable(target) + " AS t USING " + quoteTable(staging) + " AS s WHERE " + keyMatch(keys, "t", "s");
  }

  /**
   * Compares key names as PostgreSQL stores them, and requires each index column's collation to be the
   * column's own: otherwise ON CONFLICT would match keys by another equality than the UPDATE join does.
   */
  @Override
  public java.util.Optional<SqlStatement> uniqueKeyIndex(TableName target, List<String> keys) {
    String names = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    java.util.List<Object> params = new java.util.ArrayList<>();
    params.add(quoteTable(target));
    params.add(keys.size());
    params.addAll(keys);
    return java.util.Optional.of(new SqlStatement("SELECT 1 FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisunique"
        + " AND i.indimmediate AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indnkeyatts = ?"
        + " AND NOT EXISTS (SELECT 1 FROM generate_series(0, i.indnkeyatts - 1) AS k JOIN pg_attribute a ON a.attrelid = i.indrelid"
        + " AND a.attnum = i.indkey[k] WHERE a.attname NOT IN (" + names + ") OR i.indcollation[k] <> a.attcollation) LIMIT 1", params));
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
      set.append(set.length() == 0 ? "" : ", ").append(quoteIdentifier(v)).append(" = EXCLUDED.").append(quoteIdentifier(v));
    }
    return "INSERT INTO " + quoteTable(target) + " (" + columnList(columns) + ") SELECT " + columnList(columns) + " FROM "
        + quoteTable(staging) + " ON CONFLICT (" + columnList(keys) + ") DO UPDATE SET " + set;
  }

  /** cardinality_violation: "ON CONFLICT DO UPDATE command cannot affect row a second time". */
  @Override
  public boolean isDuplicateSourceKey(String sqlState) {
    return "21000".equals(sqlState);
  }

  @Override
  public String copyIn(TableName table, List<String> columns, boolean binary) {
    return "COPY " + quoteTable(table) + " (" + columnList(columns) + ") FROM STDIN WITH (FORMAT " + (binary ? "binary" : "csv") + ")";
  }
}
