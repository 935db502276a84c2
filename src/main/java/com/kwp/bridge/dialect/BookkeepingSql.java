package com.kwp.bridge.dialect;

import java.io.Serializable;
import java.util.Collections;

/**
 * The bridge's own tables in the target: its schemas, the applied-events ledger, the claimed event ids and
 * the staging leases. ANSI forms here; vendors override what differs.
 */
public class BookkeepingSql implements Serializable {
  private static final long serialVersionUID = 1L;

  protected final SqlNames names;

  public BookkeepingSql(SqlNames names) {
    this.names = names;
  }

  /** Creates {@code schema} when it does not exist (staging and ledger schemas). */
  public String createSchemaIfMissing(String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + names.quoteIdentifier(schema);
  }

  /**
   * Names of every table in {@code schema} (one parameter): the staging and ledger schemas are checked to
   * hold only the bridge's tables, and staging names are matched exactly in code (no LIKE, whose {@code _}
   * is a wildcard).
   */
  public String listTables() {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = ?";
  }

  /** Creates the applied-events ledger when missing. */
  public String createLedgerTable(TableName ledger) {
    return "CREATE TABLE IF NOT EXISTS " + names.quoteTable(ledger) + " (event_id VARCHAR(64) NOT NULL PRIMARY KEY,"
        + " applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, rows_affected BIGINT NOT NULL)";
  }

  /**
   * Rows affected recorded for an event ({@code n} parameters: the spellings its id may be stored under, so one
   * round trip asks for all); no row when never applied.
   */
  public String ledgerLookup(TableName ledger, int n) {
    return "SELECT rows_affected FROM " + names.quoteTable(ledger) + " WHERE event_id IN ("
        + String.join(", ", Collections.nCopies(n, "?")) + ")";
  }

  /** Records an event as applied (parameters: event id, rows affected). */
  public String ledgerInsert(TableName ledger) {
    return "INSERT INTO " + names.quoteTable(ledger) + " (event_id, rows_affected) VALUES (?, ?)";
  }

  /**
   * Creates the claimed-ids table: which events-table commit version first used each event id (null for an
   * operator call). No IF NOT EXISTS: it is created and back-filled in one transaction, and a concurrent
   * creation must fail rather than commit beside a partial one.
   */
  public String createClaimsTable(TableName claims) {
    return "CREATE TABLE " + names.quoteTable(claims) + " (event_id VARCHAR(64) NOT NULL PRIMARY KEY, commit_version BIGINT NULL,"
        + " claimed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)";
  }

  /** The claims of {@code n} event ids ({@code n} parameters): rows of event_id, commit_version. */
  public String claimsLookup(TableName claims, int n) {
    return "SELECT event_id, commit_version FROM " + names.quoteTable(claims) + " WHERE event_id IN ("
        + String.join(", ", Collections.nCopies(n, "?")) + ")";
  }

  /** Claims {@code n} event ids in one statement (2n parameters: event id, commit version, per row). */
  public String claimsInsert(TableName claims, int n) {
    return "INSERT INTO " + names.quoteTable(claims) + " (event_id, commit_version) VALUES " + String.join(", ", Collections.nCopies(n, "(?, ?)"));
  }

  /**
   * Turns a dry run's claim into a real one (parameters: commit version, event id, the dry-run mark): one row
   * when the id was claimed by dry runs only, none when another run took it first.
   */
  public String claimPromote(TableName claims) {
    return "UPDATE " + names.quoteTable(claims) + " SET commit_version = ? WHERE event_id = ? AND commit_version = ?";
  }

  /**
   * Creates the staging lease table when missing: one row per staging table being loaded (its event and
   * when it was created, by the database's clock), so start-up cleanup never drops an in-flight load.
   */
  public String createLeaseTable(TableName leases) {
    return "CREATE TABLE IF NOT EXISTS " + names.quoteTable(leases) + " (table_name VARCHAR(128) NOT NULL PRIMARY KEY,"
        + " event_id VARCHAR(64) NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP)";
  }

  /** Takes a lease before a staging table is created (parameters: staging table name, event id). */
  public String leaseInsert(TableName leases) {
    return "INSERT INTO " + names.quoteTable(leases) + " (table_name, event_id) VALUES (?, ?)";
  }

  /** Releases a lease after its staging table is dropped (one parameter: staging table name). */
  public String leaseDelete(TableName leases) {
    return "DELETE FROM " + names.quoteTable(leases) + " WHERE table_name = ?";
  }

  /** Every lease with its age in seconds by the database's clock: table_name, event_id, age_seconds. */
  public String leaseAges(TableName leases) {
    throw new UnsupportedOperationException(names.dialectName() + " has no interval arithmetic for staging lease ages");
  }
}
