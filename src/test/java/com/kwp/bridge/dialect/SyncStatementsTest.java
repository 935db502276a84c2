package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every statement SyncJob sends, as exact text, for SQL Server and PostgreSQL. */
class SyncStatementsTest {
  final SqlDialect ss = new SqlServerDialect();
  final SqlDialect pg = new PostgresDialect();
  final TableName target = TableName.parse("[panel db].[dbo].[Calibration]");
  final TableName pgTarget = TableName.parse("public.calibration");
  final TableName stage = TableName.of("bridge_staging", "stage_e1");
  final TableName ledger = TableName.of("bridge", "applied_events");
  final List<String> keys = List.of("id hogar", "periodo");
  final List<String> cols = List.of("id hogar", "periodo", "peso");

  @Test
  void upsertIsOneStatementOnlyWherePostgresHasAUniqueIndexOnTheKeys() {
    assertEquals(java.util.Optional.empty(), ss.uniqueKeyIndex(target, keys));
    assertEquals(false, ss.isDuplicateSourceKey("21000"));
    assertEquals(java.util.Optional.of(new SqlStatement("SELECT 1 FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisunique"
        + " AND i.indimmediate AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indnkeyatts = ?"
        + " AND NOT EXISTS (SELECT 1 FROM generate_series(0, i.indnkeyatts - 1) AS k JOIN pg_attribute a ON a.attrelid = i.indrelid"
        + " AND a.attnum = i.indkey[k] WHERE a.attname NOT IN (?, ?) OR i.indcollation[k] <> a.attcollation) LIMIT 1",
        List.of("\"public\".\"calibration\"", 2, "id hogar", "periodo"))), pg.uniqueKeyIndex(pgTarget, keys));
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
    assertEquals("IF SCHEMA_ID(N'bridge_staging') IS NULL EXEC(N'CREATE SCHEMA [bridge_staging]')", ss.createSchemaIfMissing("bridge_staging"));
    assertEquals("DROP TABLE IF EXISTS [bridge_staging].[stage_e1]", ss.dropTableIfExists(stage));
    assertEquals("DELETE FROM [bridge_staging].[stage_e1] WHERE [bridge_partition] = ?", ss.deleteStagingPartition(stage));
    assertEquals(java.util.Optional.empty(), ss.analyzeStaging(stage));
    assertEquals("SELECT table_name FROM information_schema.tables WHERE table_schema = ?", ss.listTables());
  }

  final TableName leases = TableName.of("bridge", "staging_leases");

  @Test
  void stagingLeaseStatementsOnBothDatabases() {
    assertEquals("IF OBJECT_ID(N'[bridge].[staging_leases]', N'U') IS NULL CREATE TABLE [bridge].[staging_leases] (table_name NVARCHAR(128)"
        + " NOT NULL PRIMARY KEY, event_id NVARCHAR(64) NOT NULL, created_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME())",
        ss.createLeaseTable(leases));
    assertEquals("CREATE TABLE IF NOT EXISTS \"bridge\".\"staging_leases\" (table_name VARCHAR(128) NOT NULL PRIMARY KEY,"
        + " event_id VARCHAR(64) NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP)", pg.createLeaseTable(leases));
    assertEquals("INSERT INTO [bridge].[staging_leases] (table_name, event_id) VALUES (?, ?)", ss.leaseInsert(leases));
    assertEquals("INSERT INTO \"bridge\".\"staging_leases\" (table_name, event_id) VALUES (?, ?)", pg.leaseInsert(leases));
    assertEquals("DELETE FROM [bridge].[staging_leases] WHERE table_name = ?", ss.leaseDelete(leases));
    assertEquals("DELETE FROM \"bridge\".\"staging_leases\" WHERE table_name = ?", pg.leaseDelete(leases));
    assertEquals("SELECT table_name, event_id, CAST(DATEDIFF_BIG(SECOND, created_at, SYSUTCDATETIME()) AS BIGINT) AS age_seconds"
        + " FROM [bridge].[staging_leases]", ss.leaseAges(leases));
    assertEquals("SELECT table_name, event_id, CAST(EXTRACT(EPOCH FROM (LOCALTIMESTAMP - created_at)) AS BIGINT) AS age_seconds"
        + " FROM \"bridge\".\"staging_leases\"", pg.leaseAges(leases));
    assertEquals("SELECT table_name FROM information_schema.tables WHERE table_schema = ?", pg.listTables());
    org.junit.jupiter.api.Assertions.assertFalse(ss.identifiersCaseSensitive());
    org.junit.jupiter.api.Assertions.assertTrue(pg.identifiersCaseSensitive());
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
  void sqlServerLedgerStatementsAndBracketEscaping() {
    assertEquals("IF OBJECT_ID(N'[bridge].[applied_events]', N'U') IS NULL CREATE TABLE [bridge].[applied_events] (event_id NVARCHAR(64)"
        + " COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY, applied_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME(), rows_affected BIGINT NOT NULL)",
        ss.createLedgerTable(ledger));
    TableName claims = TableName.of("bridge", "claimed_event_ids");
    assertEquals("CREATE TABLE [bridge].[claimed_event_ids] (event_id NVARCHAR(64) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,"
        + " commit_version BIGINT NULL, claimed_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME())", ss.createClaimsTable(claims));
    assertEquals("SELECT event_id, commit_version FROM [bridge].[claimed_event_ids] WHERE event_id IN (?, ?, ?)", ss.claimsLookup(claims, 3));
    assertEquals("INSERT INTO [bridge].[claimed_event_ids] (event_id, commit_version) VALUES (?, ?), (?, ?)", ss.claimsInsert(claims, 2));
    assertEquals("SELECT rows_affected FROM [bridge].[applied_events] WHERE event_id = ?", ss.ledgerLookup(ledger));
    assertEquals("INSERT INTO [bridge].[applied_events] (event_id, rows_affected) VALUES (?, ?)", ss.ledgerInsert(ledger));
    assertEquals("t.[a]]b] = s.[a]]b]", ss.keyMatch(List.of("a]b"), "t", "s"));
    assertEquals(SqlDialect.BulkPath.SQLSERVER_BULK_COPY, ss.bulkPath());
  }

  @Test
  void postgresStatements() {
    assertEquals("CREATE UNLOGGED TABLE \"bridge_staging\".\"stage_e1\" AS SELECT \"id hogar\", \"periodo\", \"peso\", CAST(0 AS INTEGER)"
        + " AS \"bridge_partition\" FROM \"public\".\"calibration\" WITH NO DATA", pg.createStagingTable(stage, pgTarget, cols));
    assertEquals("CREATE SCHEMA IF NOT EXISTS \"bridge\"", pg.createSchemaIfMissing("bridge"));
    assertEquals("COPY \"bridge_staging\".\"stage_e1\" (\"id hogar\", \"bridge_partition\") FROM STDIN WITH (FORMAT csv)",
        pg.copyIn(stage, List.of("id hogar", "bridge_partition"), false));
    assertEquals(java.util.Optional.of("ANALYZE \"bridge_staging\".\"stage_e1\""), pg.analyzeStaging(stage));
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
    assertEquals("CREATE TABLE IF NOT EXISTS \"bridge\".\"applied_events\" (event_id VARCHAR(64) NOT NULL PRIMARY KEY,"
        + " applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, rows_affected BIGINT NOT NULL)", pg.createLedgerTable(ledger));
    assertEquals("SELECT rows_affected FROM \"bridge\".\"applied_events\" WHERE event_id = ?", pg.ledgerLookup(ledger));
    assertEquals("INSERT INTO \"bridge\".\"applied_events\" (event_id, rows_affected) VALUES (?, ?)", pg.ledgerInsert(ledger));
    TableName claims = TableName.of("bridge", "claimed_event_ids");
    assertEquals("CREATE TABLE \"bridge\".\"claimed_event_ids\" (event_id VARCHAR(64) NOT NULL PRIMARY KEY, commit_version BIGINT NULL,"
        + " claimed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)", pg.createClaimsTable(claims));
    assertEquals("SELECT event_id, commit_version FROM \"bridge\".\"claimed_event_ids\" WHERE event_id IN (?)", pg.claimsLookup(claims, 1));
    assertEquals("INSERT INTO \"bridge\".\"claimed_event_ids\" (event_id, commit_version) VALUES (?, ?)", pg.claimsInsert(claims, 1));
    assertEquals("DROP TABLE IF EXISTS \"bridge_staging\".\"stage_e1\"", pg.dropTableIfExists(stage));
  }
}
