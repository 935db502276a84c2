package com.kwp.bridge.sync;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What happened to one event: the row merged into the status table. {@code commitVersion} is the events
 * table version that added the event (null for operator calls): a later row reusing the id is told apart
 * from a replay of the same row by it. {@code counts}: rows inserted, updated and deleted (would be, for a
 * dry run), where the statements told.
 */
public record EventOutcome(
    String eventId, String operation, String targetTable, String requestedBy, EventStatus status, int attempts,
    Long rowsExpected, Long rowsAffected, String errorClass, String errorMessage, String commitUser,
    Instant startedAt, Instant finishedAt, String jobRunId, Long commitVersion, RowCounts counts) implements Serializable {

  public EventOutcome {
    counts = counts == null ? RowCounts.UNKNOWN : counts;
  }

  /** rows_affected - rows_expected when both are known (0 = as expected); recorded, never blocking. */
  public Long discrepancy() {
    return rowsExpected == null || rowsAffected == null ? null : rowsAffected - rowsExpected;
  }

  public Row toRow() {
    return RowFactory.create(eventId, operation, targetTable, requestedBy, status.value(), attempts, rowsExpected, rowsAffected,
        discrepancy(), errorClass, errorMessage, commitUser, ts(startedAt), ts(finishedAt), jobRunId, commitVersion,
        counts.inserted(), counts.updated(), counts.deleted());
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
