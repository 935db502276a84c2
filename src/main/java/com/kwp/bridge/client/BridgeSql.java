package com.kwp.bridge.client;

import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.sync.EventId;
import java.util.regex.Pattern;

/**
 * Every statement the client sends to the warehouse, generated here and nowhere else. Table names come from
 * {@link ClientSettings} (validated plain identifiers, back-quoted); every value from a caller travels as a
 * named parameter ({@code :name}), never inside the SQL text.
 */
final class BridgeSql {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+){0,2}");

  /** Columns of an event's status, in this order in every status statement. */
  static final String STATUS_COLUMNS = "event_id, status, operation, target_table, requested_by, attempts, rows_expected, "
      + "rows_affected, discrepancy, error_class, error_message, submitted_by_commit_user, started_at, finished_at, job_run_id, "
      + "rows_inserted, rows_updated, rows_deleted";

  private BridgeSql() {}

  /**
   * Appends one event (INSERT ... SELECT: Spark refuses current_user() inside VALUES). {@code requested_by} is {@code current_user()}: the identity the warehouse authenticated
   * (the project's service principal), so a producer cannot name another principal.
   */
  static String insertEvent(String events) {
    return "INSERT INTO " + quote(events) + " (event_id, operation, source_table, target_table, primary_keys, source_filter, "
        + "requested_by, created_at, options) SELECT :event_id, :operation, :source_table, :target_table, "
        + "from_json(:primary_keys, 'ARRAY<STRING>'), :source_filter, current_user(), current_timestamp(), "
        + "from_json(:options, 'MAP<STRING, STRING>')";
  }

  /**
   * The status of one event: its status row, else {@code pending} when it was submitted and SyncJob has not seen it.
   * {@code :event_id} is canonical ({@link EventId}); a producer may have appended it in another spelling.
   */
  static String eventStatus(String status, String events) {
    return "SELECT " + STATUS_COLUMNS + " FROM " + quote(status) + " WHERE event_id = :event_id"
        + " UNION ALL " + pendingSelect(status, events) + " AND " + EventId.sql("e.event_id") + " = :event_id";
  }

  /** Latest events first, optionally of one status ({@code :status} NULL = all), at most {@code :max_rows}. */
  static String listEvents(String status, String events) {
    return "SELECT " + STATUS_COLUMNS + " FROM (SELECT " + STATUS_COLUMNS + " FROM " + quote(status)
        + " UNION ALL " + pendingSelect(status, events) + ") AS all_events"
        + " WHERE :status IS NULL OR status = :status"
        + " ORDER BY started_at DESC NULLS FIRST, event_id LIMIT :max_rows";
  }

  /** Submitted events SyncJob has not picked up and that are older than {@code :minutes}. */
  static String backlog(String status, String events) {
    return "SELECT count(*) AS pending_events, min(e.created_at) AS oldest_created_at FROM " + quote(events) + " AS e"
        + " WHERE NOT EXISTS (SELECT 1 FROM " + quote(status) + " AS s WHERE " + sameId() + ")"
        + " AND e.created_at < timestampadd(MINUTE, -:minutes, current_timestamp())";
  }

  /** One row per extracted query of a job run, from the extract-runs table ExtractJob appends to. */
  static String extractRunRows(String runs) {
    return "SELECT country, query, status, rows_written, error FROM " + quote(runs)
        + " WHERE run_id = :run_id ORDER BY country, query";
  }

  private static String pendingSelect(String status, String events) {
    return "SELECT e.event_id, 'pending' AS status, e.operation, e.target_table, e.requested_by, 0 AS attempts, "
        + "CAST(NULL AS BIGINT) AS rows_expected, CAST(NULL AS BIGINT) AS rows_affected, CAST(NULL AS BIGINT) AS discrepancy, "
        + "CAST(NULL AS STRING) AS error_class, CAST(NULL AS STRING) AS error_message, "
        + "CAST(NULL AS STRING) AS submitted_by_commit_user, CAST(NULL AS TIMESTAMP) AS started_at, "
        + "CAST(NULL AS TIMESTAMP) AS finished_at, CAST(NULL AS STRING) AS job_run_id, CAST(NULL AS BIGINT) AS rows_inserted, "
        + "CAST(NULL AS BIGINT) AS rows_updated, CAST(NULL AS BIGINT) AS rows_deleted FROM " + quote(events) + " AS e"
        + " WHERE NOT EXISTS (SELECT 1 FROM " + quote(status) + " AS s WHERE " + sameId() + ")";
  }

  /** A status row is an event's when their ids are one id canonically (SyncJob records a uuid in lower case). */
  private static String sameId() {
    return EventId.sql("s.event_id") + " = " + EventId.sql("e.event_id");
  }

  /** {@code a.b.c} as {@code `a`.`b`.`c`}; anything but plain identifier parts is refused. */
  static String quote(String table) {
    ConfigException.check(table != null && NAME.matcher(table).matches(),
        "table name '%s' must be catalog.schema.table of letters, digits and _", table);
    return "`" + table.replace(".", "`.`") + "`";
  }
}
