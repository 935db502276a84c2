package com.kwp.bridge.audit;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One audit row: a decision about one event (granted, denied, applied, failed, retried, reconciled). */
public record AuditRecord(
    Instant ts, String eventType, String principal, String resource, String action, String outcome, Long rows,
    String eventId, String jobRunId, String detail) implements Serializable {

  /** Event types written by SyncJob. */
  public static final String GRANTED = "GRANTED";
  public static final String DENIED = "DENIED";
  public static final String APPLIED = "APPLIED";
  public static final String FAILED = "FAILED";
  public static final String RETRIED = "RETRIED";
  public static final String RECONCILED = "RECONCILED";
  public static final String DUPLICATE = "DUPLICATE";
  public static final String PREVIEWED = "PREVIEWED";

  public Row toRow() {
    return RowFactory.create(Timestamp.from(ts), eventType, principal, resource, action, outcome, rows, eventId, jobRunId, detail);
  }
}
