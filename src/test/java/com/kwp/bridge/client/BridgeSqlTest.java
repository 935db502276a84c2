package com.kwp.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kwp.bridge.error.ConfigException;
import org.junit.jupiter.api.Test;

/** Every statement the client sends, as exact text: table names quoted, every caller value a named parameter. */
class BridgeSqlTest {
  private static final String PENDING = "SELECT e.event_id, 'pending' AS status, e.operation, e.target_table, e.requested_by, 0 AS attempts, "
      + "CAST(NULL AS BIGINT) AS rows_expected, CAST(NULL AS BIGINT) AS rows_affected, CAST(NULL AS BIGINT) AS discrepancy, "
      + "CAST(NULL AS STRING) AS error_class, CAST(NULL AS STRING) AS error_message, "
      + "CAST(NULL AS STRING) AS submitted_by_commit_user, CAST(NULL AS TIMESTAMP) AS started_at, "
      + "CAST(NULL AS TIMESTAMP) AS finished_at, CAST(NULL AS STRING) AS job_run_id, CAST(NULL AS BIGINT) AS rows_inserted, "
      + "CAST(NULL AS BIGINT) AS rows_updated, CAST(NULL AS BIGINT) AS rows_deleted FROM `bridge`.`events`.`bridge_events` AS e"
      + " WHERE NOT EXISTS (SELECT 1 FROM `bridge`.`events`.`bridge_event_status` AS s WHERE " + canonical("s.event_id") + " = "
      + canonical("e.event_id") + ")";
  private static final String COLUMNS = "event_id, status, operation, target_table, requested_by, attempts, rows_expected, "
      + "rows_affected, discrepancy, error_class, error_message, submitted_by_commit_user, started_at, finished_at, job_run_id, "
      + "rows_inserted, rows_updated, rows_deleted";
  private final ClientSettings s = ClientSettings.defaults();

  /** A uuid in any case is one id (lower case); any other id as it is. */
  private static String canonical(String column) {
    return "CASE WHEN " + column + " RLIKE '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN lower("
        + column + ") ELSE " + column + " END";
  }

  @Test
  void insertEvent() {
    assertEquals("INSERT INTO `bridge`.`events`.`bridge_events` (event_id, operation, source_table, target_table, primary_keys, "
        + "source_filter, requested_by, created_at, options) SELECT :event_id, :operation, :source_table, :target_table, "
        + "from_json(:primary_keys, 'ARRAY<STRING>'), :source_filter, current_user(), current_timestamp(), "
        + "from_json(:options, 'MAP<STRING, STRING>')", BridgeSql.insertEvent(s.eventsTable()));
  }

  @Test
  void eventStatus() {
    assertEquals("SELECT " + COLUMNS + " FROM `bridge`.`events`.`bridge_event_status` WHERE event_id = :event_id UNION ALL "
        + PENDING + " AND " + canonical("e.event_id") + " = :event_id", BridgeSql.eventStatus(s.statusTable(), s.eventsTable()));
  }

  @Test
  void listEvents() {
    assertEquals("SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM `bridge`.`events`.`bridge_event_status` UNION ALL "
        + PENDING + ") AS all_events WHERE :status IS NULL OR status = :status ORDER BY started_at DESC NULLS FIRST, event_id LIMIT :max_rows",
        BridgeSql.listEvents(s.statusTable(), s.eventsTable()));
  }

  @Test
  void backlog() {
    assertEquals("SELECT count(*) AS pending_events, min(e.created_at) AS oldest_created_at FROM `bridge`.`events`.`bridge_events` AS e"
        + " WHERE NOT EXISTS (SELECT 1 FROM `bridge`.`events`.`bridge_event_status` AS s WHERE " + canonical("s.event_id") + " = "
        + canonical("e.event_id") + ") AND e.created_at < timestampadd(MINUTE, -:minutes, current_timestamp())",
        BridgeSql.backlog(s.statusTable(), s.eventsTable()));
  }

  @Test
  void extractRunRows() {
    assertEquals("SELECT country, query, status, rows_written, error FROM `bridge`.`events`.`bridge_extract_runs`"
        + " WHERE run_id = :run_id ORDER BY country, query", BridgeSql.extractRunRows(s.extractRunsTable()));
  }

  @Test
  void tableNamesAreIdentifiersOnly() {
    assertThrows(ConfigException.class, () -> BridgeSql.quote("bridge.events.t`; DROP TABLE x"));
    assertThrows(ConfigException.class, () -> BridgeSql.quote("a.b.c.d"));
    assertThrows(ConfigException.class, () -> s.withTables("bridge", "events-prod"));
    assertEquals("`spark_catalog`.`db_1`.`t`", BridgeSql.quote("spark_catalog.db_1.t"));
  }
}
