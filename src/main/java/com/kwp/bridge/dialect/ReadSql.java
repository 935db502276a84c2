package com.kwp.bridge.dialect;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The SQL ExtractJob reads with: a template or table wrapped for bounds, quantiles, partition predicates,
 * watermark windows, samples and projections. ANSI forms here; vendors override what differs.
 */
public class ReadSql implements Serializable {
  private static final long serialVersionUID = 1L;

  protected final SqlNames names;

  public ReadSql(SqlNames names) {
    this.names = names;
  }

  /** The names and literals these statements are built with. */
  public SqlNames names() {
    return names;
  }

  /** Removes trailing semicolons and whitespace so a template can be wrapped as a subquery. */
  public static String stripTrailingSemicolons(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  /** A query as a derived table with an alias: {@code (query) alias}. */
  public String derivedTable(String query, String alias) {
    return "(" + stripTrailingSemicolons(query) + ") " + names.quoteIdentifier(alias);
  }

  /** Result columns {@code lo}, {@code hi}: bounds of {@code column} over the query's rows. */
  public String boundsQuery(String query, String column) {
    String c = names.quoteIdentifier(column);
    return "SELECT MIN(" + c + ") AS lo, MAX(" + c + ") AS hi FROM " + derivedTable(query, "bridge_q");
  }

  /**
   * One row per bucket, column {@code lo} ordered ascending: the lowest value of each of {@code buckets}
   * equal-count buckets of the non-NULL values of {@code column}. Used to cut skewed or non-numeric keys.
   */
  public String quantileBoundariesQuery(String query, String column, int buckets) {
    String c = names.quoteIdentifier(column);
    return "SELECT MIN(" + c + ") AS lo FROM (SELECT " + c + ", NTILE(" + buckets + ") OVER (ORDER BY " + c
        + ") AS bridge_bucket FROM " + derivedTable(query, "bridge_q") + " WHERE " + c
        + " IS NOT NULL) bridge_t GROUP BY bridge_bucket ORDER BY lo";
  }

  /**
   * A predicate selecting bucket {@code bucket} of {@code buckets} by a hash of {@code column}, for keys with
   * no usable order. NULLs are in no bucket; the caller adds them.
   */
  public String hashBucketPredicate(String column, int buckets, int bucket) {
    throw new UnsupportedOperationException(names.dialectName()
        + " has no hash-bucket partitioning; use a numeric or date partition-column or explicit predicates");
  }

  /**
   * A partition predicate {@code lower <= column < upper} over already rendered literals (see
   * {@link SqlNames#literal}); a null side is open. Ranges built from consecutive cut points never overlap or leave gaps.
   */
  public String rangePredicate(String column, String lowerLiteral, String upperLiteral) {
    String c = names.quoteIdentifier(column);
    if (lowerLiteral == null && upperLiteral == null) {
      return "1 = 1";
    }
    if (lowerLiteral == null) {
      return c + " < " + upperLiteral;
    }
    if (upperLiteral == null) {
      return c + " >= " + lowerLiteral;
    }
    return c + " >= " + lowerLiteral + " AND " + c + " < " + upperLiteral;
  }

  /** The predicate of the partition that holds NULLs of the partition column. */
  public String isNullPredicate(String column) {
    return names.quoteIdentifier(column) + " IS NULL";
  }

  /**
   * The query restricted to rows past a watermark: {@code column > from AND column <= to}; a null
   * {@code fromLiteral} means no lower limit (first load). Both sides are rendered literals.
   */
  public String incrementalQuery(String query, String column, String fromLiteral, String toLiteral) {
    String c = names.quoteIdentifier(column);
    return "SELECT * FROM " + derivedTable(query, "bridge_q") + " WHERE "
        + (fromLiteral == null ? "" : c + " > " + fromLiteral + " AND ") + c + " <= " + toLiteral;
  }

  /**
   * One row, column {@code hi}: the exclusive upper watermark for a rowversion column (every row below it
   * is committed); null when the database has no rowversion type.
   */
  public String rowversionUpperBoundQuery() {
    return null;
  }

  /** The same bound for a server that lacks the first statement's function; null when none. */
  public String rowversionUpperBoundFallbackQuery() {
    return null;
  }

  /**
   * The query restricted to rowversions past {@code from} and below {@code to} (exclusive: {@code to} is
   * the lowest still-active rowversion, see {@link #rowversionUpperBoundQuery}).
   */
  public String rowversionIncrementalQuery(String query, String column, String fromLiteral, String toLiteral) {
    String c = names.quoteIdentifier(column);
    return "SELECT * FROM " + derivedTable(query, "bridge_q") + " WHERE "
        + (fromLiteral == null ? "" : c + " > " + fromLiteral + " AND ") + c + " < " + toLiteral;
  }

  /**
   * An expression that reads {@code column} in a form Spark's JDBC source maps correctly, or empty when the
   * column can be read as it is. {@code jdbcType} and {@code typeName} come from the driver's result-set
   * metadata of {@link #schemaProbeQuery}.
   */
  public Optional<String> readCast(String column, int jdbcType, String typeName) {
    return Optional.empty();
  }

  /** {@code SELECT items FROM (query) alias}: the query with its select list rewritten (items already rendered). */
  public String projectionQuery(String query, List<String> items) {
    return "SELECT " + String.join(", ", items) + " FROM " + derivedTable(query, "bridge_c");
  }

  /**
   * The statement that streams {@code query}'s rows (restricted by a partition {@code predicate}, null for
   * all) in the database's binary bulk format, the rows Spark's JDBC source would read with
   * {@code SELECT * FROM (query) alias WHERE predicate}; empty where the database has none a client can read.
   */
  public Optional<String> copyOutQuery(String query, String alias, String predicate) {
    return Optional.empty();
  }

  /** A query returning no rows but the query's columns: to read its schema cheaply. */
  public String schemaProbeQuery(String query) {
    return "SELECT * FROM " + derivedTable(query, "bridge_q") + " WHERE 1 = 0";
  }

  /**
   * The whole-table read: {@code SELECT columns FROM table [WHERE (where)]}; {@code columns} already rendered,
   * empty for every column; {@code where} from config only, null for none.
   */
  public String tableQuery(String renderedTable, List<String> renderedColumns, String where) {
    return "SELECT " + (renderedColumns.isEmpty() ? "*" : String.join(", ", renderedColumns)) + " FROM " + renderedTable
        + (where == null ? "" : " WHERE (" + where + ")");
  }

  /** {@code table} read through a page-level sample of {@code percent} per cent (0 < percent <= 100). */
  public String tableSample(String renderedTable, BigDecimal percent) {
    return renderedTable + " TABLESAMPLE SYSTEM (" + percent.toPlainString() + ")";
  }

  /**
   * Rows per range of {@code column} in a sample: columns {@code bridge_bucket} (0 .. cuts) and {@code n}.
   * Range i holds {@code cut[i-1] <= column < cut[i]}, the same ranges the partition predicates cut. Used to
   * tell a skewed key from an even one before choosing equal-width ranges.
   */
  public String sampledRangeCountsQuery(String renderedTable, String where, String column, List<String> cutLiterals, BigDecimal percent) {
    String c = names.quoteIdentifier(column);
    StringBuilder cases = new StringBuilder("CASE");
    for (int i = 0; i < cutLiterals.size(); i++) {
      cases.append(" WHEN ").append(c).append(" < ").append(cutLiterals.get(i)).append(" THEN ").append(i);
    }
    cases.append(" ELSE ").append(cutLiterals.size()).append(" END");
    return "SELECT bridge_bucket, COUNT(*) AS n FROM (SELECT " + cases + " AS bridge_bucket FROM " + tableSample(renderedTable, percent)
        + " WHERE " + c + " IS NOT NULL" + (where == null ? "" : " AND (" + where + ")") + ") bridge_s GROUP BY bridge_bucket";
  }

  /** Makes the current transaction read-only (sent after auto-commit is turned off); null when the database has none. */
  public String readOnlyTransaction() {
    return "SET TRANSACTION READ ONLY";
  }

  // ---- mode = changes (extract/ChangesExtractor): the change log of one table, by primary key ----

  /** Output column of {@link #changesQuery}: {@code 'D'} when the key's row is gone (delete it), anything else: upsert. */
  public static final String CHANGE_OP_COLUMN = "bridge_change_op";

  /**
   * The DDL that makes {@code table} readable by {@code mode = changes}, in order (not run by ExtractJob:
   * for the operator, printed in the README, and run by the tests); {@code keys} are its primary key.
   */
  public List<String> changeTrackingSetup(TableName table, List<String> keys) {
    throw noChangeTracking();
  }

  /**
   * The statements, in one transaction, that delete the change log's entries older than
   * {@code retention} (an interval literal's text, e.g. {@code 7 days}); only where the bridge keeps the log.
   */
  public List<String> changeLogCleanup(TableName table, String retention) {
    throw noChangeTracking();
  }

  /**
   * Sent in the transaction of {@link #changeCurrentVersionQuery} before it, so the version read has no
   * uncommitted change below it; null when the database's own version needs no lock.
   */
  public String changeVersionLock(TableName table) {
    throw noChangeTracking();
  }

  /** One row, column {@code v}: the version every committed change so far is at or below. */
  public String changeCurrentVersionQuery(TableName table) {
    throw noChangeTracking();
  }

  /** One row, column {@code v}: a destination at a version below this has lost changes to cleanup (stale). */
  public String changeMinValidVersionQuery(TableName table) {
    throw noChangeTracking();
  }

  /**
   * One row per key changed after {@code fromVersion} (at most {@code toVersion} where the log can bound it):
   * {@code columns} (table order; keys from the change log, the rest from the table's current row, LEFT JOINed
   * by key) and {@link #CHANGE_OP_COLUMN}, {@code 'D'} when the row no longer exists.
   */
  public String changesQuery(TableName table, List<String> keys, List<String> columns, long fromVersion, long toVersion) {
    throw noChangeTracking();
  }

  /** {@code alias.key = other.key AND ...} over quoted key columns. */
  protected String keyJoin(List<String> keys, String alias, String other) {
    StringBuilder sb = new StringBuilder();
    for (String k : keys) {
      sb.append(sb.length() == 0 ? "" : " AND ").append(alias).append('.').append(names.quoteIdentifier(k))
          .append(" = ").append(other).append('.').append(names.quoteIdentifier(k));
    }
    return sb.toString();
  }

  /** The select list of a changes query: each column from the change log (keys) or the row, then the operation. */
  protected String changeColumns(List<String> keys, List<String> columns, String logAlias, String rowAlias, String operation) {
    StringBuilder sb = new StringBuilder();
    for (String c : columns) {
      String q = names.quoteIdentifier(c);
      sb.append(sb.length() == 0 ? "" : ", ").append(keys.contains(c) ? logAlias : rowAlias).append('.').append(q).append(" AS ").append(q);
    }
    return sb.append(", CASE WHEN ").append(rowAlias).append('.').append(names.quoteIdentifier(keys.get(0)))
        .append(" IS NULL THEN 'D' ELSE ").append(operation).append(" END AS ").append(CHANGE_OP_COLUMN).toString();
  }

  private UnsupportedOperationException noChangeTracking() {
    return new UnsupportedOperationException(names.dialectName() + " has no change log the bridge can read; mode = changes needs"
        + " SQL Server change tracking or the PostgreSQL change log");
  }
}
