package com.kwp.bridge.dialect;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The SQL SyncJob applies an event with: staging tables, their bulk load, the staged-key checks and the
 * keyed statements from staging into the target. ANSI forms here; vendors override what differs.
 *
 * <p>Key matching policy: plain equality on every key column, joined with AND. NULL key values never reach
 * these statements: SyncJob rejects a source with a NULL in any key column before the keyed statement
 * runs, so no NULL-safe comparison is needed (and none is emitted).
 */
public class ApplySql implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Name of the per-partition column every staging table carries (lets a retried task clear its rows). */
  public static final String STAGING_PARTITION_COLUMN = "bridge_partition";

  /** How rows reach a staging table on the executors. */
  public enum BulkPath { SQLSERVER_BULK_COPY, POSTGRES_COPY }

  protected final SqlNames names;

  public ApplySql(SqlNames names) {
    this.names = names;
  }

  /** The executor-side bulk path of this database. */
  public BulkPath bulkPath() {
    throw new UnsupportedOperationException(names.dialectName() + " has no bulk load path");
  }

  /**
   * Creates an empty staging table with the target's types for {@code columns}, plus an INT column
   * {@value #STAGING_PARTITION_COLUMN}; no identity property, constraints or indexes.
   */
  public String createStagingTable(TableName staging, TableName target, List<String> columns) {
    return "CREATE TABLE " + names.quoteTable(staging) + " AS SELECT " + names.columnList(columns) + ", CAST(0 AS INTEGER) AS "
        + names.quoteIdentifier(STAGING_PARTITION_COLUMN) + " FROM " + names.quoteTable(target) + " WHERE 1 = 0";
  }

  /** PostgreSQL COPY into a staging table from the client: binary format, or CSV where a column has no binary form. */
  public String copyIn(TableName table, List<String> columns, boolean binary) {
    throw new UnsupportedOperationException(names.dialectName() + " has no COPY");
  }

  /** Removes the rows one Spark partition loaded (a retried task starts clean). One parameter: the partition. */
  public String deleteStagingPartition(TableName staging) {
    return "DELETE FROM " + names.quoteTable(staging) + " WHERE " + names.quoteIdentifier(STAGING_PARTITION_COLUMN) + " = ?";
  }

  /**
   * Statistics for a loaded staging table before the keyed statements join it to the target, when the
   * database does not gather them by itself (PostgreSQL never analyzes a table on its own in time; SQL Server
   * creates column statistics when the join is compiled). Empty: nothing to run.
   */
  public Optional<String> analyzeStaging(TableName staging) {
    return Optional.empty();
  }

  /** Drops a table when present (staging cleanup). */
  public String dropTableIfExists(TableName table) {
    return "DROP TABLE IF EXISTS " + names.quoteTable(table);
  }

  /**
   * 1 when a staged row has a NULL in a key column, else 0. Checked in the target, after the load, in the
   * apply transaction: no extra pass over the source.
   */
  public String stagingHasNullKeys(TableName staging, List<String> keys) {
    StringBuilder anyNull = new StringBuilder();
    for (String k : keys) {
      anyNull.append(anyNull.length() == 0 ? "" : " OR ").append(names.quoteIdentifier(k)).append(" IS NULL");
    }
    return "SELECT CASE WHEN EXISTS (SELECT 1 FROM " + names.quoteTable(staging) + " WHERE " + anyNull + ") THEN 1 ELSE 0 END";
  }

  /**
   * 1 when two staged rows share a key, else 0. The staging table has the target's column types and
   * collations, so GROUP BY compares keys exactly as the UPDATE's join will (SQL Server: trailing spaces,
   * and case and accents where the collation says so).
   */
  public String stagingHasDuplicateKeys(TableName staging, List<String> keys) {
    return "SELECT CASE WHEN EXISTS (SELECT 1 FROM " + names.quoteTable(staging) + " GROUP BY " + names.columnList(keys)
        + " HAVING COUNT(*) > 1) THEN 1 ELSE 0 END";
  }

  /** INSERT: every staged row into the target. */
  public String insertFromStaging(TableName target, TableName staging, List<String> columns) {
    String cols = names.columnList(columns);
    return "INSERT INTO " + names.quoteTable(target) + " (" + cols + ") SELECT " + cols + " FROM " + names.quoteTable(staging);
  }

  /** UPDATE: the non-key columns of target rows whose keys match a staged row. */
  public String updateFromStaging(TableName target, TableName staging, List<String> keys, List<String> values) {
    StringBuilder set = new StringBuilder();
    for (String v : values) {
      set.append(set.length() == 0 ? "" : ", ").append(names.quoteIdentifier(v)).append(" = s.").append(names.quoteIdentifier(v));
    }
    return "UPDATE " + names.quoteTable(target) + " AS t SET " + set + " FROM " + names.quoteTable(staging) + " AS s WHERE "
        + keyMatch(keys, "t", "s");
  }

  /** UPSERT, second half: staged rows whose keys are not in the target yet. */
  public String insertMissingFromStaging(TableName target, TableName staging, List<String> keys, List<String> columns) {
    return "INSERT INTO " + names.quoteTable(target) + " (" + names.columnList(columns) + ") SELECT " + names.columnList("s", columns)
        + " FROM " + names.quoteTable(staging) + " AS s WHERE NOT EXISTS (SELECT 1 FROM " + names.quoteTable(target) + " AS t WHERE "
        + keyMatch(keys, "t", "s") + ")";
  }

  /**
   * UPSERT in one statement by the target's unique key on {@code keys} (see
   * {@link CatalogSql#uniqueKeyIndex}): the database refuses it when two staged rows share a key, see
   * {@link #isDuplicateSourceKey}.
   */
  public String upsertFromStaging(TableName target, TableName staging, List<String> keys, List<String> columns, List<String> values) {
    throw new UnsupportedOperationException(names.dialectName() + " has no single-statement upsert");
  }

  /** True when {@link #upsertFromStaging} failed because two staged rows had the same key. */
  public boolean isDuplicateSourceKey(String sqlState) {
    return false;
  }

  /** DELETE: target rows whose keys match a staged key. */
  public String deleteFromStaging(TableName target, TableName staging, List<String> keys) {
    return "DELETE FROM " + names.quoteTable(target) + " AS t WHERE EXISTS (SELECT 1 FROM " + names.quoteTable(staging) + " AS s WHERE "
        + keyMatch(keys, "t", "s") + ")";
  }

  /**
   * REPLACE, first half: every row of the target, in the apply transaction that then inserts the staged rows,
   * so readers see the old rows or the new ones. A DELETE, not TRUNCATE: it keeps foreign keys, triggers and
   * grants as they are and needs only DELETE permission (see the README's REPLACE section).
   */
  public String deleteAllRows(TableName target) {
    return "DELETE FROM " + names.quoteTable(target);
  }

  /**
   * REPLACE's first half when the owner chose {@code sync.bulk.replace = truncate}: transactional on PostgreSQL
   * and SQL Server, so a failure before the commit leaves the old rows. Its row count says nothing: the rows
   * before are counted first (see EventApplier).
   */
  public String truncateTable(TableName target) {
    return "TRUNCATE TABLE " + names.quoteTable(target);
  }

  /** One row, one column: the table's row count (REPLACE's audit and dry-run counts). */
  public String countRows(TableName table) {
    return "SELECT COUNT(*) FROM " + names.quoteTable(table);
  }

  /** {@code a.k1 = b.k1 AND a.k2 = b.k2}: plain equality (see the NULL policy above). */
  public String keyMatch(List<String> keys, String left, String right) {
    StringBuilder sb = new StringBuilder();
    for (String k : keys) {
      String q = names.quoteIdentifier(k);
      sb.append(sb.length() == 0 ? "" : " AND ").append(left).append('.').append(q).append(" = ").append(right).append('.').append(q);
    }
    return sb.toString();
  }
}
