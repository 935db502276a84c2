package com.kwp.bridge.client;

import java.util.Map;

/**
 * An event's row of the status table as read through the warehouse ({@code pending} before SyncJob saw it).
 * {@code rowsInserted}, {@code rowsUpdated}, {@code rowsDeleted}: what the target's statements did, or for a
 * {@code previewed} dry run what they would do (null where unknown).
 */
public record SyncEventStatus(String eventId, String status, String operation, String targetTable, String requestedBy,
    int attempts, Long rowsExpected, Long rowsAffected, Long discrepancy, String errorClass, String errorMessage,
    String submittedByCommitUser, String startedAt, String finishedAt, String jobRunId, Long rowsInserted, Long rowsUpdated,
    Long rowsDeleted) {

  static SyncEventStatus from(Map<String, String> r) {
    return new SyncEventStatus(r.get("event_id"), r.get("status"), r.get("operation"), r.get("target_table"), r.get("requested_by"),
        r.get("attempts") == null ? 0 : Integer.parseInt(r.get("attempts")), num(r.get("rows_expected")), num(r.get("rows_affected")),
        num(r.get("discrepancy")), r.get("error_class"), r.get("error_message"), r.get("submitted_by_commit_user"),
        r.get("started_at"), r.get("finished_at"), r.get("job_run_id"), num(r.get("rows_inserted")), num(r.get("rows_updated")),
        num(r.get("rows_deleted")));
  }

  private static Long num(String s) {
    return s == null ? null : Long.parseLong(s);
  }
}
