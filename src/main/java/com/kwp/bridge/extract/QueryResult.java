package com.kwp.bridge.extract;

import java.time.Instant;
import java.util.List;

/**
 * What happened to one query in one run; printed in the summary and appended to the runs table.
 * {@code schemaChanges}: how the read's columns differed from the existing output's and what was done.
 */
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
    Instant startedAt,
    List<SchemaChange> schemaChanges) {

  public QueryResult {
    schemaChanges = List.copyOf(schemaChanges);
  }

  /** A result with no schema differences. */
  public QueryResult(String query, String country, String destination, String mode, String format, int partitions, long rowsRead,
      long rowsWritten, double seconds, String watermarkFrom, String watermarkTo, Status status, String error, Instant startedAt) {
    this(query, country, destination, mode, format, partitions, rowsRead, rowsWritten, seconds, watermarkFrom, watermarkTo, status,
        error, startedAt, List.of());
  }

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
        watermarkTo, status, error, startedAt, schemaChanges);
  }

  /** The same result naming the schema differences found and what was done. */
  public QueryResult withSchemaChanges(List<SchemaChange> changes) {
    return new QueryResult(query, country, destination, mode, format, partitions, rowsRead, rowsWritten, seconds, watermarkFrom,
        watermarkTo, status, error, startedAt, changes);
  }

  public boolean failed() {
    return status == Status.FAILED;
  }

  /** A failed query: what is known up to the failure plus the error message. */
  public static QueryResult failed(String query, String country, String destination, String mode, String format,
      double seconds, String error, Instant startedAt) {
    return failed(query, country, destination, mode, format, seconds, error, startedAt, List.of());
  }

  /** A failed query and the schema differences that were found before it failed (a refused write names them). */
  public static QueryResult failed(String query, String country, String destination, String mode, String format,
      double seconds, String error, Instant startedAt, List<SchemaChange> schemaChanges) {
    return new QueryResult(query, country, destination, mode, format, 0, 0, 0, seconds, null, null, Status.FAILED, error, startedAt,
        schemaChanges);
  }
}
