package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every catalog, sample, read-only and rowversion statement of tables by name, as exact strings per dialect. */
class TableMetadataStatementsTest {
  private static final SqlServerDialect SS = new SqlServerDialect();
  private static final PostgresDialect PG = new PostgresDialect();
  private static final TableName VENTAS = TableName.parse("dbo.J_Ventas_CO");
  private static final TableName OTHER_DB = TableName.parse("[Panel DB].dbo.[Ventas 2024]");
  private static final byte[] RV = {0, 0, 0, 0, 0, 0, 7, (byte) 0xD1};
  private static final byte[] RV_NEXT = {0, 0, 0, 0, 0, 0, 8, 0};

  @Test
  void namesAreRenderedByTheTemplateRule() {
    assertEquals("dbo.J_Ventas_CO", SS.renderName(VENTAS));
    assertEquals("[Panel DB].dbo.[Ventas 2024]", SS.renderName(OTHER_DB));
    assertEquals("\"Panel DB\".dbo.\"Ventas 2024\"", PG.renderName(OTHER_DB));
    assertEquals("SELECT id, \"id hogar\" FROM \"Panel DB\".dbo.\"Ventas 2024\" WHERE (pais = 'CO')",
        PG.tableQuery(PG.renderName(OTHER_DB), List.of(PG.renderNamePart("id"), PG.renderNamePart("id hogar")), "pais = 'CO'"));
    assertEquals("SELECT * FROM dbo.J_Ventas_CO", SS.tableQuery("dbo.J_Ventas_CO", List.of(), null));
  }

  @Test
  void sqlServerCatalogQueries() {
    SqlStatement columns = SS.tableColumnsQuery(OTHER_DB);
    assertEquals("SELECT c.name AS column_name, CASE WHEN c.system_type_id = 189 THEN N'rowversion' ELSE LOWER(TYPE_NAME(c.system_type_id)) END"
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
  }

  @Test
  void skewSamples() {
    assertEquals("SELECT bridge_bucket, COUNT(*) AS n FROM (SELECT CASE WHEN [id] < 100 THEN 0 WHEN [id] < 200 THEN 1 ELSE 2 END AS bridge_bucket"
        + " FROM dbo.J_Ventas_CO TABLESAMPLE SYSTEM (0.5 PERCENT) WHERE [id] IS NOT NULL AND (pais = N'CO')) bridge_s GROUP BY bridge_bucket",
        SS.sampledRangeCountsQuery("dbo.J_Ventas_CO", "pais = N'CO'", "id", List.of("100", "200"), new BigDecimal("0.5")));
    assertEquals("SELECT bridge_bucket, COUNT(*) AS n FROM (SELECT CASE WHEN \"dia\" < DATE '2024-01-01' THEN 0 ELSE 1 END AS bridge_bucket"
        + " FROM public.t TABLESAMPLE SYSTEM (100) WHERE \"dia\" IS NOT NULL) bridge_s GROUP BY bridge_bucket",
        PG.sampledRangeCountsQuery("public.t", null, "dia", List.of("DATE '2024-01-01'"), new BigDecimal("100")));
  }

  @Test
  void rowversionWatermarksAreComparedAsBinary8() {
    assertEquals("CAST(0x00000000000007D1 AS BINARY(8))", SS.binaryLiteral(RV));
    assertEquals("CAST(0x00000000000007D1 AS BINARY(8))", SS.literal(RV));
    assertEquals("SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BINARY(8)) AS hi", SS.rowversionUpperBoundQuery());
    assertEquals("SELECT * FROM (SELECT * FROM dbo.T) [bridge_q] WHERE [rv] > CAST(0x00000000000007D1 AS BINARY(8))"
        + " AND [rv] < CAST(0x0000000000000800 AS BINARY(8))",
        SS.rowversionIncrementalQuery("SELECT * FROM dbo.T", "rv", SS.literal(RV), SS.literal(RV_NEXT)));
    assertEquals("SELECT * FROM (SELECT * FROM dbo.T) [bridge_q] WHERE [rv] < CAST(0x0000000000000800 AS BINARY(8))",
        SS.rowversionIncrementalQuery("SELECT * FROM dbo.T", "rv", null, SS.literal(RV_NEXT)), "first load: no lower bound");
    assertEquals("CAST('\\x00000000000007d1' AS bytea)", PG.literal(RV));
    assertNull(PG.rowversionUpperBoundQuery(), "PostgreSQL has no rowversion: a binary column is bounded by its MAX");
  }

  @Test
  void readOnlyTransactions() {
    assertEquals("SET TRANSACTION READ ONLY", PG.readOnlyTransaction());
    assertNull(SS.readOnlyTransaction(), "SQL Server has none; run-query's SELECT-only check stands alone");
  }
}
