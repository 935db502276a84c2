package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every statement ExtractJob reads with, as exact strings for SQL Server and PostgreSQL. */
class ReadSqlTest {
  private static final ReadSql MS = Dialects.sqlServer().reads();
  private static final ReadSql PG = Dialects.postgres().reads();
  private static final SqlNames MS_NAMES = MS.names();
  private static final SqlNames PG_NAMES = PG.names();
  private static final String Q = "SELECT * FROM dbo.ventas WHERE pais = 'CO';";
  private static final TableName OTHER_DB = TableName.parse("[Panel DB].dbo.[Ventas 2024]");
  private static final byte[] RV = {0, 0, 0, 0, 0, 0, 7, (byte) 0xD1};
  private static final byte[] RV_NEXT = {0, 0, 0, 0, 0, 0, 8, 0};

  @Test
  void boundsQueryWrapsTheTemplateAsADerivedTable() {
    assertEquals("SELECT MIN([fecha]) AS lo, MAX([fecha]) AS hi FROM (SELECT * FROM t) [bridge_q]",
        MS.boundsQuery("SELECT * FROM t;\n", "fecha"));
    assertEquals("SELECT MIN(\"id\") AS lo, MAX(\"id\") AS hi FROM (SELECT 1 AS id) \"bridge_q\"",
        PG.boundsQuery("SELECT 1 AS id", "id"));
    assertEquals("SELECT MIN([id hogar]) AS lo, MAX([id hogar]) AS hi FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') [bridge_q]",
        MS.boundsQuery(Q, "id hogar"));
    assertEquals("SELECT MIN(\"id hogar\") AS lo, MAX(\"id hogar\") AS hi FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') \"bridge_q\"",
        PG.boundsQuery(Q, "id hogar"));
  }

  @Test
  void binaryCopyOutReadsWhatSparksJdbcSourceWouldSelectAndOnlyOnPostgres() {
    assertEquals(java.util.Optional.of("COPY (SELECT * FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') \"bridge_q\" WHERE \"id\" >= 1 AND \"id\" < 9)"
        + " TO STDOUT (FORMAT binary)"), PG.copyOutQuery(Q, "bridge_q", PG.rangePredicate("id", "1", "9")));
    assertEquals(java.util.Optional.of("COPY (SELECT * FROM (SELECT 1 AS id) \"bridge_q\") TO STDOUT (FORMAT binary)"),
        PG.copyOutQuery("SELECT 1 AS id", "bridge_q", null));
    assertEquals(java.util.Optional.empty(), MS.copyOutQuery(Q, "bridge_q", null));
  }

  @Test
  void quantileQueryUsesNtileOverNonNullValues() {
    assertEquals("SELECT MIN([k]) AS lo FROM (SELECT [k], NTILE(4) OVER (ORDER BY [k]) AS bridge_bucket FROM (SELECT 1 AS k) [bridge_q]"
        + " WHERE [k] IS NOT NULL) bridge_t GROUP BY bridge_bucket ORDER BY lo", MS.quantileBoundariesQuery("SELECT 1 AS k", "k", 4));
  }

  @Test
  void hashBucketsAvoidAbsOverflowOnSqlServer() {
    assertEquals("(CHECKSUM([k]) % 4 + 4) % 4 = 1", MS.hashBucketPredicate("k", 4, 1));
    assertEquals("(hashtext(CAST(\"k\" AS text)) % 4 + 4) % 4 = 3", PG.hashBucketPredicate("k", 4, 3));
  }

  @Test
  void incrementalQueryBoundsEveryPartitionByTheSameUpperWatermark() {
    assertEquals("SELECT * FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') [bridge_q] WHERE [fecha_hora] > "
            + "CAST('2024-01-01T00:00:00.0000000' AS DATETIME2(7)) AND [fecha_hora] <= CAST('2024-02-01T12:30:00.0000000' AS DATETIME2(7))",
        MS.incrementalQuery(Q, "fecha_hora", MS_NAMES.literal(LocalDateTime.of(2024, 1, 1, 0, 0)),
            MS_NAMES.literal(LocalDateTime.of(2024, 2, 1, 12, 30))));
    assertEquals("SELECT * FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') \"bridge_q\" WHERE \"id\" <= 42",
        PG.incrementalQuery(Q, "id", null, PG_NAMES.literal(42L)));
  }

  @Test
  void wholeTableReads() {
    assertEquals("SELECT id, \"id hogar\" FROM \"Panel DB\".dbo.\"Ventas 2024\" WHERE (pais = 'CO')",
        PG.tableQuery(PG_NAMES.renderName(OTHER_DB), List.of(PG_NAMES.renderNamePart("id"), PG_NAMES.renderNamePart("id hogar")), "pais = 'CO'"));
    assertEquals("SELECT * FROM dbo.J_Ventas_CO", MS.tableQuery("dbo.J_Ventas_CO", List.of(), null));
  }

  @Test
  void skewSamples() {
    assertEquals("SELECT bridge_bucket, COUNT(*) AS n FROM (SELECT CASE WHEN [id] < 100 THEN 0 WHEN [id] < 200 THEN 1 ELSE 2 END AS bridge_bucket"
        + " FROM dbo.J_Ventas_CO TABLESAMPLE SYSTEM (0.5 PERCENT) WHERE [id] IS NOT NULL AND (pais = N'CO')) bridge_s GROUP BY bridge_bucket",
        MS.sampledRangeCountsQuery("dbo.J_Ventas_CO", "pais = N'CO'", "id", List.of("100", "200"), new BigDecimal("0.5")));
    assertEquals("SELECT bridge_bucket, COUNT(*) AS n FROM (SELECT CASE WHEN \"dia\" < DATE '2024-01-01' THEN 0 ELSE 1 END AS bridge_bucket"
        + " FROM public.t TABLESAMPLE SYSTEM (100) WHERE \"dia\" IS NOT NULL) bridge_s GROUP BY bridge_bucket",
        PG.sampledRangeCountsQuery("public.t", null, "dia", List.of("DATE '2024-01-01'"), new BigDecimal("100")));
  }

  @Test
  void rowversionWatermarksAreComparedAsBinary8() {
    assertEquals("SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BINARY(8)) AS hi", MS.rowversionUpperBoundQuery());
    assertEquals("SELECT CAST(CAST(txid_snapshot_xmin(txid_current_snapshot()) AS BIGINT) AS BINARY(8)) AS hi",
        MS.rowversionUpperBoundFallbackQuery(), "Babelfish: no MIN_ACTIVE_ROWVERSION; the oldest running transaction id");
    assertEquals("SELECT * FROM (SELECT * FROM dbo.T) [bridge_q] WHERE [rv] > CAST(0x00000000000007D1 AS BINARY(8))"
        + " AND [rv] < CAST(0x0000000000000800 AS BINARY(8))",
        MS.rowversionIncrementalQuery("SELECT * FROM dbo.T", "rv", MS_NAMES.literal(RV), MS_NAMES.literal(RV_NEXT)));
    assertEquals("SELECT * FROM (SELECT * FROM dbo.T) [bridge_q] WHERE [rv] < CAST(0x0000000000000800 AS BINARY(8))",
        MS.rowversionIncrementalQuery("SELECT * FROM dbo.T", "rv", null, MS_NAMES.literal(RV_NEXT)), "first load: no lower bound");
    assertNull(PG.rowversionUpperBoundQuery(), "PostgreSQL has no rowversion: a binary column is bounded by its MAX");
    assertNull(PG.rowversionUpperBoundFallbackQuery());
  }

  @Test
  void readOnlyTransactions() {
    assertEquals("SET TRANSACTION READ ONLY", PG.readOnlyTransaction());
    assertNull(MS.readOnlyTransaction(), "SQL Server has none; run-query's SELECT-only check stands alone");
  }

  @Test
  void sqlServerChangeTrackingReads() {
    TableName t = TableName.parse("dbo.Ventas");
    assertEquals(List.of("ALTER TABLE dbo.Ventas ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF)"), MS.changeTrackingSetup(t, List.of("id")));
    assertNull(MS.changeVersionLock(t), "CHANGE_TRACKING_CURRENT_VERSION needs no lock");
    assertEquals("SELECT CHANGE_TRACKING_CURRENT_VERSION() AS v", MS.changeCurrentVersionQuery(t));
    assertEquals("SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(N'dbo.Ventas')) AS v", MS.changeMinValidVersionQuery(t));
    assertEquals("SELECT bridge_ct.[id] AS [id], bridge_row.[nombre] AS [nombre], bridge_row.[id hogar] AS [id hogar], CASE"
        + " WHEN bridge_row.[id] IS NULL THEN 'D' ELSE bridge_ct.SYS_CHANGE_OPERATION END AS bridge_change_op FROM"
        + " CHANGETABLE(CHANGES dbo.Ventas, 41) AS bridge_ct LEFT JOIN dbo.Ventas AS bridge_row ON bridge_row.[id] ="
        + " bridge_ct.[id]",
        MS.changesQuery(t, List.of("id"), List.of("id", "nombre", "id hogar"), 41, 57));
    assertEquals("SELECT bridge_ct.[pais] AS [pais], bridge_ct.[id] AS [id], bridge_row.[monto] AS [monto], CASE WHEN"
        + " bridge_row.[pais] IS NULL THEN 'D' ELSE bridge_ct.SYS_CHANGE_OPERATION END AS bridge_change_op FROM"
        + " CHANGETABLE(CHANGES dbo.Ventas, 0) AS bridge_ct LEFT JOIN dbo.Ventas AS bridge_row ON bridge_row.[pais] ="
        + " bridge_ct.[pais] AND bridge_row.[id] = bridge_ct.[id]",
        MS.changesQuery(t, List.of("pais", "id"), List.of("pais", "id", "monto"), 0, 3), "a composite key joins on every column");
  }

  @Test
  void postgresChangeLogDdlCleanupAndReads() {
    TableName t = TableName.parse("public.ventas");
    assertEquals(List.of(
        "CREATE TABLE public.ventas_bridge_changes AS SELECT \"pais\", \"id\" FROM public.ventas WITH NO DATA",
        "ALTER TABLE public.ventas_bridge_changes ADD COLUMN bridge_version bigint GENERATED ALWAYS AS IDENTITY"
        + " PRIMARY KEY, ADD COLUMN bridge_op char(1) NOT NULL, ADD COLUMN bridge_changed_at timestamptz NOT NULL"
        + " DEFAULT clock_timestamp()",
        "CREATE FUNCTION public.ventas_bridge_changes_fn() RETURNS trigger LANGUAGE plpgsql AS $bridge$ BEGIN IF TG_OP"
        + " = 'TRUNCATE' THEN RAISE EXCEPTION 'TRUNCATE of % is not recorded by its bridge change log; DELETE the rows"
        + " instead', TG_TABLE_NAME; END IF; IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ROW(OLD.\"pais\", OLD.\"id\") IS"
        + " DISTINCT FROM ROW(NEW.\"pais\", NEW.\"id\")) THEN INSERT INTO public.ventas_bridge_changes (\"pais\", \"id\","
        + " bridge_op) VALUES (OLD.\"pais\", OLD.\"id\", 'D'); END IF; IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND"
        + " ROW(OLD.\"pais\", OLD.\"id\") IS DISTINCT FROM ROW(NEW.\"pais\", NEW.\"id\")) THEN INSERT INTO"
        + " public.ventas_bridge_changes (\"pais\", \"id\", bridge_op) VALUES (NEW.\"pais\", NEW.\"id\", 'I'); ELSIF TG_OP ="
        + " 'UPDATE' THEN INSERT INTO public.ventas_bridge_changes (\"pais\", \"id\", bridge_op) VALUES (NEW.\"pais\","
        + " NEW.\"id\", 'U'); END IF; RETURN NULL; END $bridge$",
        "CREATE TRIGGER \"ventas_bridge_changes\" AFTER INSERT OR UPDATE OR DELETE ON public.ventas FOR EACH ROW EXECUTE"
        + " FUNCTION public.ventas_bridge_changes_fn()",
        "CREATE TRIGGER \"ventas_bridge_changes_truncate\" BEFORE TRUNCATE ON public.ventas FOR EACH STATEMENT EXECUTE"
        + " FUNCTION public.ventas_bridge_changes_fn()",
        "INSERT INTO public.ventas_bridge_changes (bridge_op) VALUES ('S')"), PG.changeTrackingSetup(t, List.of("pais", "id")));
    assertEquals(List.of("LOCK TABLE public.ventas_bridge_changes IN SHARE ROW EXCLUSIVE MODE",
        "DELETE FROM public.ventas_bridge_changes WHERE bridge_version < (SELECT MAX(bridge_version) FROM"
        + " public.ventas_bridge_changes WHERE bridge_changed_at < clock_timestamp() - CAST('7 days' AS interval))"), PG.changeLogCleanup(t, "7 days"));
    assertEquals("LOCK TABLE public.ventas_bridge_changes IN SHARE MODE", PG.changeVersionLock(t));
    assertEquals("SELECT COALESCE(MAX(bridge_version), 0) AS v FROM public.ventas_bridge_changes", PG.changeCurrentVersionQuery(t));
    assertEquals("SELECT COALESCE(MIN(bridge_version) - 1, 0) AS v FROM public.ventas_bridge_changes", PG.changeMinValidVersionQuery(t));
    assertEquals("SELECT bridge_ct.\"id\" AS \"id\", bridge_row.\"nombre\" AS \"nombre\", bridge_row.\"id hogar\" AS \"id hogar\", CASE"
        + " WHEN bridge_row.\"id\" IS NULL THEN 'D' ELSE 'U' END AS bridge_change_op FROM (SELECT DISTINCT \"id\" FROM"
        + " public.ventas_bridge_changes WHERE bridge_version > 41 AND bridge_version <= 57 AND bridge_op <> 'S')"
        + " bridge_ct LEFT JOIN public.ventas bridge_row ON bridge_row.\"id\" = bridge_ct.\"id\"",
        PG.changesQuery(t, List.of("id"), List.of("id", "nombre", "id hogar"), 41, 57));
  }
}
