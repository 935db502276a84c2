package com.kwp.bridge.dialect;

/**
 * SQL Server's catalog probes. OBJECT_ID resolves the name as a query would (default schema); sys views are
 * per database, so a three-part name reads its own database's views. system_type_id 189 is rowversion
 * (TYPE_NAME says "timestamp"); Babelfish gives its rowversion another id (18023 on 4.2) but the same TYPE_NAME.
 */
public class SqlServerCatalogSql extends CatalogSql {
  private static final long serialVersionUID = 1L;

  public SqlServerCatalogSql(SqlNames names) {
    super(names);
  }

  @Override
  public SqlStatement tableColumnsQuery(TableName table) {
    return SqlStatement.of("SELECT c.name AS column_name, CASE WHEN c.system_type_id = 189"
        + " OR TYPE_NAME(c.system_type_id) IN (N'timestamp', N'rowversion') THEN N'rowversion'"
        + " ELSE LOWER(TYPE_NAME(c.system_type_id)) END AS type_name, CASE WHEN c.is_nullable = 0 THEN 1 ELSE 0 END AS not_null,"
        + " CAST(c.is_identity AS INT) AS is_identity FROM " + sys(table, "columns") + " c WHERE c.object_id = OBJECT_ID(?)"
        + " ORDER BY c.column_id", names.renderName(table));
  }

  @Override
  public SqlStatement tableIndexesQuery(TableName table) {
    return SqlStatement.of("SELECT i.name AS index_name, CAST(i.is_primary_key AS INT) AS is_primary,"
        + " CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS is_clustered, CAST(i.is_unique AS INT) AS is_unique,"
        + " c.name AS column_name, ic.key_ordinal AS key_ordinal FROM " + sys(table, "indexes") + " i"
        + " JOIN " + sys(table, "index_columns") + " ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id"
        + " JOIN " + sys(table, "columns") + " c ON c.object_id = ic.object_id AND c.column_id = ic.column_id"
        + " WHERE i.object_id = OBJECT_ID(?) AND ic.key_ordinal > 0 AND i.has_filter = 0 AND i.is_disabled = 0"
        + " ORDER BY i.index_id, ic.key_ordinal", names.renderName(table));
  }

  /** Heap (index 0) or clustered index (1) rows; the DMV needs VIEW DATABASE STATE, hence the fallback. */
  @Override
  public SqlStatement rowEstimateQuery(TableName table) {
    return SqlStatement.of("SELECT SUM(ps.row_count) AS row_estimate FROM " + sys(table, "dm_db_partition_stats") + " ps"
        + " WHERE ps.object_id = OBJECT_ID(?) AND ps.index_id IN (0, 1)", names.renderName(table));
  }

  /** sys.partitions is readable by anyone who can see the table. */
  @Override
  public SqlStatement rowEstimateFallbackQuery(TableName table) {
    return SqlStatement.of("SELECT SUM(p.rows) AS row_estimate FROM " + sys(table, "partitions") + " p"
        + " WHERE p.object_id = OBJECT_ID(?) AND p.index_id IN (0, 1)", names.renderName(table));
  }

  /**
   * Babelfish's sys.partitions.rows is pg_class.reltuples, -1 until the table is first analyzed (and
   * UPDATE STATISTICS is refused there); SQL Server never reports a negative count, so this never runs on
   * it. TOP bounds the scan.
   */
  @Override
  public SqlStatement boundedRowCountQuery(TableName table, long limit) {
    return SqlStatement.of("SELECT COUNT_BIG(*) AS row_count FROM (SELECT TOP (" + limit + ") 1 AS one FROM " + names.renderName(table)
        + ") bridge_c");
  }

  /**
   * rowversion is filled by the server, as defaults, identities and computed columns are; recognised by its
   * type name as well as its id 189, as the column query above does (Babelfish gives it another id).
   */
  @Override
  public SqlStatement columnRulesQuery(TableName target) {
    return SqlStatement.of("SELECT c.name AS column_name, CASE WHEN c.is_nullable = 0 THEN 1 ELSE 0 END AS not_null,"
        + " CASE WHEN c.default_object_id <> 0 OR c.is_identity = 1 OR c.is_computed = 1 OR c.system_type_id = 189"
        + " OR TYPE_NAME(c.system_type_id) IN (N'timestamp', N'rowversion') THEN 1 ELSE 0 END"
        + " AS has_default FROM " + sys(target, "columns") + " c WHERE c.object_id = OBJECT_ID(?) ORDER BY c.column_id",
        names.quoteTable(target));
  }

  /**
   * Change tracking is per database, then per table; VIEW CHANGE TRACKING is the table permission CHANGETABLE
   * needs besides SELECT. HAS_PERMS_BY_NAME returns NULL for a name it cannot resolve: no permission.
   */
  @Override
  public SqlStatement changeTrackingStatusQuery(TableName table) {
    String name = names.renderName(table);
    return SqlStatement.of("SELECT CASE WHEN EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID())"
        + " THEN 1 ELSE 0 END AS database_enabled, CASE WHEN EXISTS (SELECT 1 FROM sys.change_tracking_tables"
        + " WHERE object_id = OBJECT_ID(?)) THEN 1 ELSE 0 END AS table_enabled,"
        + " COALESCE(HAS_PERMS_BY_NAME(?, 'OBJECT', 'VIEW CHANGE TRACKING'), 0) AS can_read_changes,"
        + " COALESCE(HAS_PERMS_BY_NAME(?, 'OBJECT', 'SELECT'), 0) AS can_select", name, name, name);
  }

  private String sys(TableName table, String view) {
    return (table.catalog() == null ? "" : names.renderNamePart(table.catalog()) + ".") + "sys." + view;
  }
}
