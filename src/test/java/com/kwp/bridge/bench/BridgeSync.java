package com.kwp.bridge.bench;

import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** The seam to the product's sync path (SyncJob): the harness measures whatever implements this. */
interface BridgeSync {

  /** Empty when the path can run; otherwise why not (shown as "not measured: ..."). */
  Optional<String> unavailableReason();

  /** What one applied event reports: rows affected and the event's own apply span (NaN if unknown). */
  record Applied(long rows, double eventSeconds) {}

  /**
   * Appends one event of {@code operation} (INSERT, UPSERT, DELETE) from the Delta table at {@code source} to
   * {@code target} and returns its id. Not timed: the append is the producer's work, not SyncJob's.
   */
  String submit(SparkSession spark, TestDatabase db, String operation, Path source, String target, List<String> keys) throws Exception;

  /**
   * One whole SyncJob run (available-now) that applies the submitted event, with {@code settings} over the
   * bench's configuration (e.g. {@code sync.bulk.replace}); what the bridge reports for it.
   */
  Applied run(SparkSession spark, TestDatabase db, String eventId, Path source, java.util.Map<String, String> settings) throws Exception;

  /**
   * Runs SyncJob continuously with a 10 s trigger, appends {@code events} small UPSERT events one after
   * another from {@code source} to {@code target}, and returns, per event, the time from appending it to
   * its status being completed.
   */
  List<Duration> latencies(SparkSession spark, TestDatabase db, Path source, String target, int events) throws Exception;
}
