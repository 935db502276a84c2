package com.kwp.bridge.extract;

import java.time.Instant;

/** What happened to one query in one run; printed in the summary and appended to the runs table. */
public record QueryResult(
    String query,
    String country,
    String destination,
    String mode,
    String format,
    int partitions,
    long rowsRead,
    long rowsWritten,
    double seconds,
    String watermarkFrom,
    String watermarkTo,
    Status status,
    String error,
    Instant startedAt) {

  public enum Status {
    OK,
    SKIPPED,
    FAILED
  }

  public double rowsPerSecond() {
    return seconds <= 0 ? 0 : rowsWritten / seconds;
  }

  /** The same result with {@code seconds} replaced (the runner takes out time spent queued behind other queries). */
  public QueryResult withSeconds(double ownSeconds) {
    return new QueryResult(query, country, destination, mode, format, partitions, rowsRead, rowsWritten, ownSeconds, watermarkFrom,
        watermarkTo, status, error, startedAt);
  }

  public boolean failed() {
    return status == Status.FAILED;
  }

  /** A failed query: what is known up to the failure plus the error message. */
  public static QueryResult failed(String query, String country, String destination, String mode, String format,
      double seconds, String error, Instant startedAt) {
    return new QueryResult(query, country, destination, mode, format, 0, 0, 0, seconds, null, null, Status.FAILED, error, startedAt);
  }
}
