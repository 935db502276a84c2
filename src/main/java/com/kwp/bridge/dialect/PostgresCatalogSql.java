package com.kwp.bridge.dialect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** PostgreSQL's catalog probes; to_regclass resolves a name the way a query would (search_path, case folding of unquoted parts). */
public class PostgresCatalogSql extends CatalogSql {
  private static final long serialVersionUID = 1L;

  public PostgresCatalogSql(SqlNames names) {
    super(names);
  }

  @Override
  public SqlStatement tableColumnsQuery(TableName table) {
    return SqlStatement.of("SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type_name,"
        + " a.attnotnull AS not_null, (a.attidentity <> '' OR COALESCE(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false)) AS is_identity"
        + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", names.renderName(table));
  }

  @Override
  public SqlStatement tableIndexesQuery(TableName table) {
    return SqlStatement.of("SELECT ic.relname AS index_name, i.indisprimary AS is_primary, i.indisclustered AS is_clustered,"
        + " i.indisunique AS is_unique, a.attname AS column_name, k.ord AS key_ordinal"
        + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
        + " CROSS JOIN LATERAL unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k(attnum, ord)"
        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        + " WHERE i.indrelid = to_regclass(?) AND k.ord <= i.indnkeyatts AND i.indexprs IS NULL AND i.indpred IS NULL AND i.indisvalid"
        + " ORDER BY ic.relname, k.ord", names.renderName(table));
  }

  /** reltuples is -1 (PostgreSQL 14+) or 0 with no pages (older) until the table is first analyzed: unknown. */
  @Override
  public SqlStatement rowEstimateQuery(TableName table) {
    return SqlStatement.of("SELECT CASE WHEN c.reltuples < 0 OR (c.reltuples = 0 AND c.relpages = 0) THEN NULL"
        + " ELSE CAST(c.reltuples AS bigint) END AS row_estimate FROM pg_class c WHERE c.oid = to_regclass(?)", names.renderName(table));
  }

  /**
   * Compares key names as PostgreSQL stores them, and requires each index column's collation to be the
   * column's own: otherwise ON CONFLICT would match keys by another equality than the UPDATE join does.
   */
  @Override
  public Optional<SqlStatement> uniqueKeyIndex(TableName target, List<String> keys) {
    String placeholders = String.join(", ", Collections.nCopies(keys.size(), "?"));
    List<Object> params = new ArrayList<>();
    params.add(names.quoteTable(target));
    params.add(keys.size());
    params.addAll(keys);
    return Optional.of(new SqlStatement("SELECT 1 FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisunique"
        + " AND i.indimmediate AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indnkeyatts = ?"
        + " AND NOT EXISTS (SELECT 1 FROM generate_series(0, i.indnkeyatts - 1) AS k JOIN pg_attribute a ON a.attrelid = i.indrelid"
        + " AND a.attnum = i.indkey[k] WHERE a.attname NOT IN (" + placeholders + ") OR i.indcollation[k] <> a.attcollation) LIMIT 1", params));
  }

  @Override
  public SqlStatement columnRulesQuery(TableName target) {
    return SqlStatement.of("SELECT a.attname AS column_name, a.attnotnull AS not_null,"
        + " (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS has_default FROM pg_attribute a"
        + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", names.quoteTable(target));
  }

  /**
   * The database needs nothing; the table needs its change log and the enabled row trigger
   * (PostgresReadSql#changeTrackingSetup). Reading the version locks the log in SHARE mode, which PostgreSQL
   * grants only with UPDATE, DELETE or TRUNCATE on it, hence the second privilege.
   */
  @Override
  public SqlStatement changeTrackingStatusQuery(TableName table) {
    String log = names.renderName(PostgresReadSql.changeLog(table));
    String name = names.renderName(table);
    return SqlStatement.of("SELECT true AS database_enabled, (to_regclass(?) IS NOT NULL AND EXISTS (SELECT 1 FROM pg_trigger g"
        + " WHERE g.tgrelid = to_regclass(?) AND g.tgname = ? AND g.tgenabled <> 'D')) AS table_enabled,"
        + " COALESCE(has_table_privilege(to_regclass(?), 'SELECT') AND has_table_privilege(to_regclass(?), 'UPDATE, DELETE, TRUNCATE'), false)"
        + " AS can_read_changes, COALESCE(has_table_privilege(to_regclass(?), 'SELECT'), false) AS can_select",
        log, name, PostgresReadSql.changeLogTrigger(table), log, log, name);
  }
}
