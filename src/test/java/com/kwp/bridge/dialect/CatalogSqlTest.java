package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every catalog probe, as exact strings with its parameters, for SQL Server and PostgreSQL. */
class CatalogSqlTest {
  private static final CatalogSql SS = Dialects.sqlServer().catalog();
  private static final CatalogSql PG = Dialects.postgres().catalog();
  private static final TableName VENTAS = TableName.parse("dbo.J_Ventas_CO");
  private static final TableName OTHER_DB = TableName.parse("[Panel DB].dbo.[Ventas 2024]");

  @Test
  void sqlServerCatalogQueries() {
    SqlStatement columns = SS.tableColumnsQuery(OTHER_DB);
    assertEquals("SELECT c.name AS column_name, CASE WHEN c.system_type_id = 189 OR TYPE_NAME(c.system_type_id) IN (N'timestamp', N'rowversion')"
        + " THEN N'rowversion' ELSE LOWER(TYPE_NAME(c.system_type_id)) END"
        + " AS type_name, CASE WHEN c.is_nullable = 0 THEN 1 ELSE 0 END AS not_null, CAST(c.is_identity AS INT) AS is_identity"
        + " FROM [Panel DB].sys.columns c WHERE c.object_id = OBJECT_ID(?) ORDER BY c.column_id", columns.text());
    assertEquals(List.of("[Panel DB].dbo.[Ventas 2024]"), columns.params(), "the name is a parameter, never text");
    assertEquals("SELECT i.name AS index_name, CAST(i.is_primary_key AS INT) AS is_primary, CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS is_clustered,"
        + " CAST(i.is_unique AS INT) AS is_unique, c.name AS column_name, ic.key_ordinal AS key_ordinal FROM sys.indexes i"
        + " JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id"
        + " JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id"
        + " WHERE i.object_id = OBJECT_ID(?) AND ic.key_ordinal > 0 AND i.has_filter = 0 AND i.is_disabled = 0"
        + " ORDER BY i.index_id, ic.key_ordinal", SS.tableIndexesQuery(VENTAS).text());
    assertEquals("SELECT SUM(ps.row_count) AS row_estimate FROM sys.dm_db_partition_stats ps WHERE ps.object_id = OBJECT_ID(?)"
        + " AND ps.index_id IN (0, 1)", SS.rowEstimateQuery(VENTAS).text());
    assertEquals("SELECT SUM(p.rows) AS row_estimate FROM sys.partitions p WHERE p.object_id = OBJECT_ID(?) AND p.index_id IN (0, 1)",
        SS.rowEstimateFallbackQuery(VENTAS).text());
    assertEquals(List.of("dbo.J_Ventas_CO"), SS.rowEstimateFallbackQuery(VENTAS).params());
    assertEquals(new SqlStatement("SELECT COUNT_BIG(*) AS row_count FROM (SELECT TOP (100000) 1 AS one FROM [Panel DB].dbo.[Ventas 2024]) bridge_c",
        List.of()), SS.boundedRowCountQuery(OTHER_DB, 100_000), "the count is bounded; the name is text, rendered as a template would");
  }

  @Test
  void postgresCatalogQueries() {
    SqlStatement columns = PG.tableColumnsQuery(VENTAS);
    assertEquals("SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type_name, a.attnotnull AS not_null,"
        + " (a.attidentity <> '' OR COALESCE(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false)) AS is_identity"
        + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", columns.text());
    assertEquals(List.of("dbo.J_Ventas_CO"), columns.params());
    assertEquals("SELECT ic.relname AS index_name, i.indisprimary AS is_primary, i.indisclustered AS is_clustered, i.indisunique AS is_unique,"
        + " a.attname AS column_name, k.ord AS key_ordinal FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
        + " CROSS JOIN LATERAL unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k(attnum, ord)"
        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        + " WHERE i.indrelid = to_regclass(?) AND k.ord <= i.indnkeyatts AND i.indexprs IS NULL AND i.indpred IS NULL AND i.indisvalid"
        + " ORDER BY ic.relname, k.ord", PG.tableIndexesQuery(VENTAS).text());
    assertEquals("SELECT CASE WHEN c.reltuples < 0 OR (c.reltuples = 0 AND c.relpages = 0) THEN NULL ELSE CAST(c.reltuples AS bigint) END"
        + " AS row_estimate FROM pg_class c WHERE c.oid = to_regclass(?)", PG.rowEstimateQuery(VENTAS).text());
    assertNull(PG.rowEstimateFallbackQuery(VENTAS));
    assertNull(PG.boundedRowCountQuery(VENTAS, 100_000), "reltuples is never negative here: unknown is NULL");
  }

  @Test
  void columnRulesSayWhichTargetColumnsAWriteMustSupply() {
    TableName target = TableName.parse("[panel db].[dbo].[Calibration]");
    assertEquals(new SqlStatement("SELECT c.name AS column_name, CASE WHEN c.is_nullable = 0 THEN 1 ELSE 0 END AS not_null,"
        + " CASE WHEN c.default_object_id <> 0 OR c.is_identity = 1 OR c.is_computed = 1 OR c.system_type_id = 189"
        + " OR TYPE_NAME(c.system_type_id) IN (N'timestamp', N'rowversion') THEN 1 ELSE 0 END"
        + " AS has_default FROM [panel db].sys.columns c WHERE c.object_id = OBJECT_ID(?) ORDER BY c.column_id",
        List.of("[panel db].[dbo].[Calibration]")), SS.columnRulesQuery(target));
    assertEquals(new SqlStatement("SELECT a.attname AS column_name, a.attnotnull AS not_null,"
        + " (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS has_default FROM pg_attribute a"
        + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        List.of("\"public\".\"calibration\"")), PG.columnRulesQuery(TableName.parse("public.calibration")));
  }

  @Test
  void uniqueKeyIndexProbeOnlyOnPostgres() {
    List<String> keys = List.of("id hogar", "periodo");
    assertEquals(Optional.empty(), SS.uniqueKeyIndex(TableName.parse("[panel db].[dbo].[Calibration]"), keys));
    assertEquals(Optional.of(new SqlStatement("SELECT 1 FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisunique"
        + " AND i.indimmediate AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indnkeyatts = ?"
        + " AND NOT EXISTS (SELECT 1 FROM generate_series(0, i.indnkeyatts - 1) AS k JOIN pg_attribute a ON a.attrelid = i.indrelid"
        + " AND a.attnum = i.indkey[k] WHERE a.attname NOT IN (?, ?) OR i.indcollation[k] <> a.attcollation) LIMIT 1",
        List.of("\"public\".\"calibration\"", 2, "id hogar", "periodo"))), PG.uniqueKeyIndex(TableName.parse("public.calibration"), keys));
  }

  @Test
  void changeTrackingStatus() {
    SqlStatement ms = SS.changeTrackingStatusQuery(TableName.parse("dbo.Ventas"));
    assertEquals("SELECT CASE WHEN EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID()) THEN 1 ELSE"
        + " 0 END AS database_enabled, CASE WHEN EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id ="
        + " OBJECT_ID(?)) THEN 1 ELSE 0 END AS table_enabled, COALESCE(HAS_PERMS_BY_NAME(?, 'OBJECT', 'VIEW CHANGE"
        + " TRACKING'), 0) AS can_read_changes, COALESCE(HAS_PERMS_BY_NAME(?, 'OBJECT', 'SELECT'), 0) AS can_select", ms.text());
    assertEquals(List.of("dbo.Ventas", "dbo.Ventas", "dbo.Ventas"), ms.params());
    SqlStatement pg = PG.changeTrackingStatusQuery(TableName.parse("public.ventas"));
    assertEquals("SELECT true AS database_enabled, (to_regclass(?) IS NOT NULL AND EXISTS (SELECT 1 FROM pg_trigger g WHERE"
        + " g.tgrelid = to_regclass(?) AND g.tgname = ? AND g.tgenabled <> 'D')) AS table_enabled,"
        + " COALESCE(has_table_privilege(to_regclass(?), 'SELECT') AND has_table_privilege(to_regclass(?), 'UPDATE,"
        + " DELETE, TRUNCATE'), false) AS can_read_changes, COALESCE(has_table_privilege(to_regclass(?), 'SELECT'),"
        + " false) AS can_select", pg.text());
    assertEquals(List.of("public.ventas_bridge_changes", "public.ventas", "ventas_bridge_changes", "public.ventas_bridge_changes",
        "public.ventas_bridge_changes", "public.ventas"), pg.params());
  }
}
