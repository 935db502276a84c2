package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every statement SyncJob applies an event with, as exact text, for SQL Server and PostgreSQL. */
class ApplySqlTest {
  final ApplySql ss = Dialects.sqlServer().apply();
  final ApplySql pg = Dialects.postgres().apply();
  final TableName target = TableName.parse("[panel db].[dbo].[Calibration]");
  final TableName pgTarget = TableName.parse("public.calibration");
  final TableName stage = TableName.of("bridge_staging", "stage_e1");
  final List<String> keys = List.of("id hogar", "periodo");
  final List<String> cols = List.of("id hogar", "periodo", "peso");

  @Test
  void upsertIsOneStatementOnlyOnPostgres() {
    assertEquals(false, ss.isDuplicateSourceKey("21000"));
    assertEquals("INSERT INTO \"public\".\"calibration\" (\"id hogar\", \"periodo\", \"peso\") SELECT \"id hogar\", \"periodo\", \"peso\""
        + " FROM \"bridge_staging\".\"stage_e1\" ON CONFLICT (\"id hogar\", \"periodo\") DO UPDATE SET \"peso\" = EXCLUDED.\"peso\"",
        pg.upsertFromStaging(pgTarget, stage, keys, cols, List.of("peso")));
    assertEquals(true, pg.isDuplicateSourceKey("21000"));
    assertEquals(false, pg.isDuplicateSourceKey("23505"));
  }

  @Test
  void sqlServerStagingDdlClonesTypesWithoutIdentityAndAddsThePartitionColumn() {
    assertEquals("SELECT [id hogar], [periodo], [peso], CAST(0 AS INT) AS [bridge_partition] INTO [bridge_staging].[stage_e1]"
        + " FROM [panel db].[dbo].[Calibration] WHERE 1 = 0 UNION ALL SELECT [id hogar], [periodo], [peso], CAST(0 AS INT)"
        + " FROM [panel db].[dbo].[Calibration] WHERE 1 = 0", ss.createStagingTable(stage, target, cols));
    assertEquals("DROP TABLE IF EXISTS [bridge_staging].[stage_e1]", ss.dropTableIfExists(stage));
    assertEquals("DELETE FROM [bridge_staging].[stage_e1] WHERE [bridge_partition] = ?", ss.deleteStagingPartition(stage));
    assertEquals(Optional.empty(), ss.analyzeStaging(stage));
    assertEquals(ApplySql.BulkPath.SQLSERVER_BULK_COPY, ss.bulkPath());
  }

  @Test
  void sqlServerKeyedStatementsQuoteSpacedKeysAndThreePartNames() {
    assertEquals("INSERT INTO [panel db].[dbo].[Calibration] ([id hogar], [periodo], [peso]) SELECT [id hogar], [periodo], [peso]"
        + " FROM [bridge_staging].[stage_e1]", ss.insertFromStaging(target, stage, cols));
    assertEquals("UPDATE t SET t.[peso] = s.[peso] FROM [panel db].[dbo].[Calibration] AS t INNER JOIN [bridge_staging].[stage_e1] AS s"
        + " ON t.[id hogar] = s.[id hogar] AND t.[periodo] = s.[periodo]", ss.updateFromStaging(target, stage, keys, List.of("peso")));
    assertEquals("INSERT INTO [panel db].[dbo].[Calibration] ([id hogar], [periodo], [peso]) SELECT s.[id hogar], s.[periodo], s.[peso]"
        + " FROM [bridge_staging].[stage_e1] AS s WHERE NOT EXISTS (SELECT 1 FROM [panel db].[dbo].[Calibration] AS t WITH (UPDLOCK, HOLDLOCK)"
        + " WHERE t.[id hogar] = s.[id hogar] AND t.[periodo] = s.[periodo])", ss.insertMissingFromStaging(target, stage, keys, cols));
    assertEquals("DELETE t FROM [panel db].[dbo].[Calibration] AS t WHERE EXISTS (SELECT 1 FROM [bridge_staging].[stage_e1] AS s"
        + " WHERE t.[id hogar] = s.[id hogar] AND t.[periodo] = s.[periodo])", ss.deleteFromStaging(target, stage, keys));
    assertEquals("t.[a]]b] = s.[a]]b]", ss.keyMatch(List.of("a]b"), "t", "s"));
  }

  @Test
  void stagedKeyChecksRunInTheTargetWithItsOwnEquality() {
    assertEquals("SELECT CASE WHEN EXISTS (SELECT 1 FROM [bridge_staging].[stage_e1] WHERE [id hogar] IS NULL OR [periodo] IS NULL)"
        + " THEN 1 ELSE 0 END", ss.stagingHasNullKeys(stage, keys));
    assertEquals("SELECT CASE WHEN EXISTS (SELECT 1 FROM [bridge_staging].[stage_e1] GROUP BY [id hogar], [periodo] HAVING COUNT(*) > 1)"
        + " THEN 1 ELSE 0 END", ss.stagingHasDuplicateKeys(stage, keys));
    assertEquals("SELECT CASE WHEN EXISTS (SELECT 1 FROM \"bridge_staging\".\"stage_e1\" WHERE \"id hogar\" IS NULL OR \"periodo\" IS NULL)"
        + " THEN 1 ELSE 0 END", pg.stagingHasNullKeys(stage, keys));
    assertEquals("SELECT CASE WHEN EXISTS (SELECT 1 FROM \"bridge_staging\".\"stage_e1\" GROUP BY \"id hogar\", \"periodo\" HAVING COUNT(*) > 1)"
        + " THEN 1 ELSE 0 END", pg.stagingHasDuplicateKeys(stage, keys));
  }

  @Test
  void replaceDeletesEveryRowThenInsertsTheStagedOnesAndCountsRows() {
    assertEquals("DELETE FROM [panel db].[dbo].[Calibration]", ss.deleteAllRows(target));
    assertEquals("DELETE FROM \"public\".\"calibration\"", pg.deleteAllRows(pgTarget));
    assertEquals("TRUNCATE TABLE [panel db].[dbo].[Calibration]", ss.truncateTable(target));
    assertEquals("TRUNCATE TABLE \"public\".\"calibration\"", pg.truncateTable(pgTarget));
    assertEquals("SELECT COUNT_BIG(*) FROM [panel db].[dbo].[Calibration]", ss.countRows(target));
    assertEquals("SELECT COUNT(*) FROM \"public\".\"calibration\"", pg.countRows(pgTarget));
  }

  @Test
  void postgresStatements() {
    assertEquals("CREATE UNLOGGED TABLE \"bridge_staging\".\"stage_e1\" AS SELECT \"id hogar\", \"periodo\", \"peso\", CAST(0 AS INTEGER)"
        + " AS \"bridge_partition\" FROM \"public\".\"calibration\" WITH NO DATA", pg.createStagingTable(stage, pgTarget, cols));
    assertEquals("COPY \"bridge_staging\".\"stage_e1\" (\"id hogar\", \"bridge_partition\") FROM STDIN WITH (FORMAT csv)",
        pg.copyIn(stage, List.of("id hogar", "bridge_partition"), false));
    assertEquals(Optional.of("ANALYZE \"bridge_staging\".\"stage_e1\""), pg.analyzeStaging(stage));
    assertEquals("COPY \"bridge_staging\".\"stage_e1\" (\"id hogar\", \"bridge_partition\") FROM STDIN WITH (FORMAT binary)",
        pg.copyIn(stage, List.of("id hogar", "bridge_partition"), true));
    assertEquals("INSERT INTO \"public\".\"calibration\" (\"id hogar\", \"periodo\", \"peso\") SELECT \"id hogar\", \"periodo\", \"peso\""
        + " FROM \"bridge_staging\".\"stage_e1\"", pg.insertFromStaging(pgTarget, stage, cols));
    assertEquals("UPDATE \"public\".\"calibration\" AS t SET \"peso\" = s.\"peso\" FROM \"bridge_staging\".\"stage_e1\" AS s"
        + " WHERE t.\"id hogar\" = s.\"id hogar\" AND t.\"periodo\" = s.\"periodo\"", pg.updateFromStaging(pgTarget, stage, keys, List.of("peso")));
    assertEquals("INSERT INTO \"public\".\"calibration\" (\"id hogar\", \"periodo\", \"peso\") SELECT s.\"id hogar\", s.\"periodo\", s.\"peso\""
        + " FROM \"bridge_staging\".\"stage_e1\" AS s WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"calibration\" AS t"
        + " WHERE t.\"id hogar\" = s.\"id hogar\" AND t.\"periodo\" = s.\"periodo\")", pg.insertMissingFromStaging(pgTarget, stage, keys, cols));
    assertEquals("DELETE FROM \"public\".\"calibration\" AS t USING \"bridge_staging\".\"stage_e1\" AS s"
        + " WHERE t.\"id hogar\" = s.\"id hogar\" AND t.\"periodo\" = s.\"periodo\"", pg.deleteFromStaging(pgTarget, stage, keys));
    assertEquals("DROP TABLE IF EXISTS \"bridge_staging\".\"stage_e1\"", pg.dropTableIfExists(stage));
  }
}
