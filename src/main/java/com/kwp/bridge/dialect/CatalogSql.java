package com.kwp.bridge.dialect;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Catalog probes: a table's columns, indexes and row estimate, and whether a unique index covers a key.
 * Each takes the table's name as a parameter, resolved by the database as a query would resolve it. There
 * is no ANSI form: a database without these refuses them with a sentence saying what to configure.
 */
public class CatalogSql implements Serializable {
  private static final long serialVersionUID = 1L;

  protected final SqlNames names;

  public CatalogSql(SqlNames names) {
    this.names = names;
  }

  /**
   * Columns of a table, ordered by position: {@code column_name}, {@code type_name} (lower case;
   * {@code rowversion} for SQL Server's rowversion), {@code not_null}, {@code is_identity}. One parameter: the
   * rendered table name, resolved by the database exactly as a query would resolve it.
   */
  public SqlStatement tableColumnsQuery(TableName table) {
    throw new UnsupportedOperationException(names.dialectName() + " has no catalog queries; set partition-column and incremental-column");
  }

  /**
   * Key columns of the table's usable indexes (no expression, filtered or disabled index): {@code index_name},
   * {@code is_primary}, {@code is_clustered}, {@code is_unique}, {@code column_name}, {@code key_ordinal},
   * ordered by index and key position. One parameter: the rendered table name.
   */
  public SqlStatement tableIndexesQuery(TableName table) {
    throw new UnsupportedOperationException(names.dialectName() + " has no catalog queries; set partition-column");
  }

  /** One row, {@code row_estimate}: the catalog's row count estimate, NULL when unknown. One parameter: the rendered name. */
  public SqlStatement rowEstimateQuery(TableName table) {
    throw new UnsupportedOperationException(names.dialectName() + " has no row estimate");
  }

  /** A second way to the estimate when the first needs a permission the reader may lack; null when none. */
  public SqlStatement rowEstimateFallbackQuery(TableName table) {
    return null;
  }

  /**
   * One row, {@code row_count}: the table's rows counted up to {@code limit} (a bounded scan, never the whole
   * of a big table), for a catalog that knows the table but reports a negative row count; null when the
   * dialect has none. The table is in the text (a FROM needs it), rendered by the template rule.
   */
  public SqlStatement boundedRowCountQuery(TableName table, long limit) {
    return null;
  }

  /**
   * A query answering whether the target has a unique, immediate, non-partial index on exactly {@code keys}
   * (one row when it has), which a single-statement upsert needs; empty when the dialect has no such
   * statement and UPSERT is an UPDATE then an INSERT of the missing keys.
   */
  public Optional<SqlStatement> uniqueKeyIndex(TableName target, List<String> keys) {
    return Optional.empty();
  }

  /**
   * What a write must supply, per column of a target, ordered by position: {@code column_name},
   * {@code not_null} and {@code has_default} (a default, identity, computed or generated column). One
   * parameter: the quoted target name. Schema drift checks use it before anything is loaded.
   */
  public SqlStatement columnRulesQuery(TableName target) {
    throw new UnsupportedOperationException(names.dialectName() + " has no column rules query");
  }

  /**
   * Whether {@code mode = changes} can read {@code table}, one row of flags: {@code database_enabled},
   * {@code table_enabled} (change tracking, or the bridge's change log and its trigger), {@code can_read_changes}
   * (the reader's right to the change data) and {@code can_select} (on the table).
   */
  public SqlStatement changeTrackingStatusQuery(TableName table) {
    throw new UnsupportedOperationException(names.dialectName() + " has no change tracking the bridge can read");
  }
}
