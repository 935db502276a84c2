package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bridge's own tables in the target (schemas, ledger, claims, leases), as exact text for both databases. */
class BookkeepingSqlTest {
  final BookkeepingSql ss = Dialects.sqlServer().bookkeeping();
  final BookkeepingSql pg = Dialects.postgres().bookkeeping();
  final TableName ledger = TableName.of("bridge", "applied_events");
  final TableName claims = TableName.of("bridge", "claimed_event_ids");
  final TableName leases = TableName.of("bridge", "staging_leases");

  @Test
  void schemasAndTheirTables() {
    assertEquals("IF SCHEMA_ID(N'bridge_staging') IS NULL EXEC(N'CREATE SCHEMA [bridge_staging]')", ss.createSchemaIfMissing("bridge_staging"));
    assertEquals("CREATE SCHEMA IF NOT EXISTS \"bridge\"", pg.createSchemaIfMissing("bridge"));
    assertEquals("SELECT table_name FROM information_schema.tables WHERE table_schema = ?", ss.listTables());
    assertEquals("SELECT table_name FROM information_schema.tables WHERE table_schema = ?", pg.listTables());
  }

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
  }

  @Test
  void sqlServerLedgerAndClaimsCompareIdsInABinaryCollation() {
    assertEquals("IF OBJECT_ID(N'[bridge].[applied_events]', N'U') IS NULL CREATE TABLE [bridge].[applied_events] (event_id NVARCHAR(64)"
        + " COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY, applied_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME(), rows_affected BIGINT NOT NULL)",
        ss.createLedgerTable(ledger));
    assertEquals("CREATE TABLE [bridge].[claimed_event_ids] (event_id NVARCHAR(64) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,"
        + " commit_version BIGINT NULL, claimed_at DATETIME2(3) NOT NULL DEFAULT SYSUTCDATETIME())", ss.createClaimsTable(claims));
    assertEquals("SELECT event_id, commit_version FROM [bridge].[claimed_event_ids] WHERE event_id IN (?, ?, ?)", ss.claimsLookup(claims, 3));
    assertEquals("INSERT INTO [bridge].[claimed_event_ids] (event_id, commit_version) VALUES (?, ?), (?, ?)", ss.claimsInsert(claims, 2));
    assertEquals("UPDATE [bridge].[claimed_event_ids] SET commit_version = ? WHERE event_id = ? AND commit_version = ?", ss.claimPromote(claims));
    assertEquals("SELECT rows_affected FROM [bridge].[applied_events] WHERE event_id IN (?, ?)", ss.ledgerLookup(ledger, 2));
    assertEquals("INSERT INTO [bridge].[applied_events] (event_id, rows_affected) VALUES (?, ?)", ss.ledgerInsert(ledger));
  }

  @Test
  void postgresLedgerAndClaims() {
    assertEquals("CREATE TABLE IF NOT EXISTS \"bridge\".\"applied_events\" (event_id VARCHAR(64) NOT NULL PRIMARY KEY,"
        + " applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, rows_affected BIGINT NOT NULL)", pg.createLedgerTable(ledger));
    assertEquals("SELECT rows_affected FROM \"bridge\".\"applied_events\" WHERE event_id IN (?)", pg.ledgerLookup(ledger, 1));
    assertEquals("INSERT INTO \"bridge\".\"applied_events\" (event_id, rows_affected) VALUES (?, ?)", pg.ledgerInsert(ledger));
    assertEquals("CREATE TABLE \"bridge\".\"claimed_event_ids\" (event_id VARCHAR(64) NOT NULL PRIMARY KEY, commit_version BIGINT NULL,"
        + " claimed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)", pg.createClaimsTable(claims));
    assertEquals("SELECT event_id, commit_version FROM \"bridge\".\"claimed_event_ids\" WHERE event_id IN (?)", pg.claimsLookup(claims, 1));
    assertEquals("INSERT INTO \"bridge\".\"claimed_event_ids\" (event_id, commit_version) VALUES (?, ?)", pg.claimsInsert(claims, 1));
    assertEquals("UPDATE \"bridge\".\"claimed_event_ids\" SET commit_version = ? WHERE event_id = ? AND commit_version = ?", pg.claimPromote(claims));
  }
}
