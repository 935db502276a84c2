package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;

import com.kwp.bridge.lake.EventTables;
import com.kwp.bridge.lake.TableRef;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** The event status Delta table: written only by SyncJob (MERGE by event_id), read by producers. */
public final class StatusStore {
  private final TableRef status;
  private final TableRef events;

  public StatusStore(TableRef status, TableRef events) {
    this.status = status;
    this.events = events;
  }

  /** Upserts one row per outcome in one Delta commit. */
  public void merge(SparkSession spark, List<EventOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    Dataset<Row> updates = spark.createDataFrame(outcomes.stream().map(EventOutcome::toRow).toList(), EventTables.STATUS);
    status.deltaTable(spark).as("t")
        .merge(updates.as("s"), "t.event_id = s.event_id")
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  /**
   * Writes one final row per outcome in one Delta commit: an append when none of the events has a row yet
   * (the usual case; {@code known} are the ids that have one), otherwise a MERGE by event id (a replay
   * reconciling its earlier row). An append costs one small write; a MERGE also scans the table.
   */
  public void record(SparkSession spark, List<EventOutcome> outcomes, java.util.Set<String> known) {
    if (outcomes.isEmpty()) {
      return;
    }
    if (outcomes.stream().anyMatch(o -> known.contains(o.eventId()))) {
      merge(spark, outcomes);
      return;
    }
    // one file per commit: every batch reads the status table (by id), and fewer files keep that cheap
    status.save(spark.createDataFrame(outcomes.stream().map(EventOutcome::toRow).toList(), EventTables.STATUS)
        .coalesce(1).write().format("delta").mode("append"));
  }

  /**
   * The status table, or no rows while SyncJob has never run (it creates the table): events submitted
   * before then are still listed, as pending, from the events table.
   */
  private Dataset<Row> statusRows(SparkSession spark) {
    return status.exists(spark) ? status.read(spark) : spark.createDataFrame(List.<Row>of(), EventTables.STATUS);
  }

  /** The status row of an event (its id in any spelling of a uuid); a submitted event without one is reported as {@code pending}. */
  public Optional<Row> get(SparkSession spark, String eventId) {
    String id = EventId.canonical(eventId);
    List<Row> rows = statusRows(spark).filter(col("event_id").isin(EventId.storedSpellings(id).toArray())).limit(1).collectAsList();
    if (!rows.isEmpty()) {
      return Optional.of(rows.get(0));
    }
    return pending(spark).filter(col("event_id").equalTo(id)).limit(1).collectAsList().stream().findFirst();
  }

  /**
   * Events that job run {@code jobRunId} left failed or rejected (event_id, status, error_class), read from the
   * status table so that a retry of the same job run sees the failures of its earlier attempts.
   */
  public List<Row> unsuccessfulInRun(SparkSession spark, String jobRunId) {
    return status.read(spark)
        .filter(col("job_run_id").equalTo(jobRunId).and(col("status").isin("failed", "rejected")))
        .select("event_id", "status", "error_class").orderBy("event_id").limit(100).collectAsList();
  }

  /**
   * For each of {@code ids} that already has a status row: that row's events-table commit version (null for
   * operator calls and rows written before the column existed). Ids without a row are absent.
   */
  public java.util.Map<String, Long> recordedVersions(SparkSession spark, List<String> ids) {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    if (ids.isEmpty()) {
      return out; // (SyncJob creates the status table at start, so it exists here)
    }
    for (Row r : status.read(spark).filter(col("event_id").isin(ids.toArray())).select("event_id", "commit_version").collectAsList()) {
      Long v = r.isNullAt(1) ? null : r.getLong(1);
      if (!out.containsKey(r.getString(0)) || out.get(r.getString(0)) == null) {
        out.put(r.getString(0), v);
      }
    }
    return out;
  }

  /**
   * The claim of every valid id with a status row, for creating the claimed-ids table once: streamed one
   * partition at a time (event metadata, never a whole table in the driver's memory). An id with several rows
   * takes its highest commit version, as {@link #recordedVersions} prefers a row that has one.
   */
  public java.util.Iterator<IdClaims.Claim> claims(SparkSession spark) {
    // an id whose every row is a dry run's is claimed as a preview only, as SyncJob claims it
    java.util.Iterator<Row> rows = status.read(spark).groupBy("event_id").agg(functions.max("commit_version"),
        functions.max(functions.when(col("status").equalTo(EventStatus.PREVIEWED.value()), 0).otherwise(1))).toLocalIterator();
    return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(rows, 0), false)
        .filter(r -> EventValidator.validId(r.getString(0)))
        .map(r -> new IdClaims.Claim(r.getString(0), r.getInt(2) == 0 ? Long.valueOf(IdClaims.PREVIEW) : r.isNullAt(1) ? null : r.getLong(1)))
        .iterator();
  }

  /** Latest events first; {@code statusFilter} null or blank = all (pending ones included). */
  public List<Row> list(SparkSession spark, String statusFilter, int limit) {
    Dataset<Row> all = statusRows(spark).unionByName(pending(spark));
    if (statusFilter != null && !statusFilter.isBlank()) {
      all = all.filter(col("status").equalTo(statusFilter.trim().toLowerCase(java.util.Locale.ROOT)));
    }
    return all.orderBy(col("started_at").desc_nulls_first(), col("event_id")).limit(limit).collectAsList();
  }

  /**
   * Submitted events with no status row yet, shaped like status rows. Ids are matched canonically: a row a producer
   * appended with a uuid in capitals has its status (or its DUPLICATE refusal) under the lower-case id.
   */
  private Dataset<Row> pending(SparkSession spark) {
    Dataset<Row> known = statusRows(spark).select(EventId.canonicalColumn(col("event_id")).as("known_id"));
    Dataset<Row> ev = events.read(spark).withColumn("event_id", EventId.canonicalColumn(col("event_id")))
        .join(known, col("event_id").equalTo(col("known_id")), "left_anti");
    return ev.selectExpr("event_id", "operation", "target_table", "requested_by", "'pending' AS status", "0 AS attempts",
        "CAST(NULL AS BIGINT) AS rows_expected", "CAST(NULL AS BIGINT) AS rows_affected", "CAST(NULL AS BIGINT) AS discrepancy",
        "CAST(NULL AS STRING) AS error_class", "CAST(NULL AS STRING) AS error_message",
        "CAST(NULL AS STRING) AS submitted_by_commit_user", "CAST(NULL AS TIMESTAMP) AS started_at",
        "CAST(NULL AS TIMESTAMP) AS finished_at", "CAST(NULL AS STRING) AS job_run_id", "CAST(NULL AS BIGINT) AS commit_version",
        "CAST(NULL AS BIGINT) AS rows_inserted", "CAST(NULL AS BIGINT) AS rows_updated", "CAST(NULL AS BIGINT) AS rows_deleted");
  }
}
