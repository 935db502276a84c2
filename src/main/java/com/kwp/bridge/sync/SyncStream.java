package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;

import com.kwp.bridge.config.TriggerSpec;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.logging.PhaseTimes;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The Structured Streaming query over the events table's change data feed, keeping only {@code insert}
 * rows: each event carries its commit version (submission order, and the key to the committing user, who
 * is the event's principal), and deletes/updates on the events table (retention clean-up, corrections)
 * neither stop the stream nor re-emit events. An events table without the feed is refused at start.
 */
public final class SyncStream {
  private static final Logger LOG = Logger.getLogger(SyncStream.class.getName());

  private SyncStream() {}

  /** Runs until done (available-now) or until stopped (interval); returns the run's outcomes. */
  public static BatchHandler.RunSummary run(SparkSession spark, SyncEngine engine) {
    String checkpoint = engine.config().checkpoint();
    ConfigException.check(checkpoint != null && !checkpoint.isBlank(),
        "sync.checkpoint is not set: pass --checkpoint (a Volume path on Databricks) or set sync.checkpoint in common.conf");
    PhaseTimes times = new PhaseTimes();
    engine.prepare(spark, true);
    times.lap("prepare");
    BatchHandler.RunSummary summary = new BatchHandler.RunSummary();
    StreamingQuery query = start(spark, engine, checkpoint, new BatchHandler(engine, summary));
    times.lap("start checks");
    try {
      query.awaitTermination();
    } catch (StreamingQueryException e) {
      throw new BridgeException(ErrorClass.INTERNAL, "SyncJob's stream failed: " + e.getMessage(), e);
    }
    times.lap("stream");
    String streamTimes = streamPhases(query);
    LOG.info(() -> "SyncJob run " + engine.run().jobRunId() + ": " + times + " (" + streamTimes + ")");
    return summary;
  }

  /**
   * Where the stream's own time went, summed over the run's triggers from Spark's progress reports
   * (addBatch is the batches themselves; the rest is offsets, planning and the offset/commit logs).
   */
  static String streamPhases(StreamingQuery query) {
    java.util.Map<String, Long> sums = new java.util.TreeMap<>();
    for (org.apache.spark.sql.streaming.StreamingQueryProgress p : query.recentProgress()) {
      p.durationMs().forEach((k, v) -> sums.merge(k, v, Long::sum));
    }
    java.util.StringJoiner out = new java.util.StringJoiner(", ", "stream phases: ", "");
    sums.forEach((k, v) -> out.add(k + " " + String.format(java.util.Locale.ROOT, "%.2f s", v / 1000.0)));
    return out.toString();
  }

  static StreamingQuery start(SparkSession spark, SyncEngine engine, String checkpoint, BatchHandler handler) {
    TableRef events = engine.eventsTable();
    EventsTableCheck.requireAuthenticatable(spark, events, engine.config().identity());
    // From a version, never from a snapshot: a fresh stream would otherwise emit the table's current rows as if
    // all were committed at the latest version, by the latest committer. (Used only when the checkpoint is new;
    // events whose commit has left the log, or predates the feed, cannot be authenticated and are not read.)
    DataStreamReader reader = spark.readStream().format("delta")
        .option("maxFilesPerTrigger", String.valueOf(engine.config().maxEventsPerBatch()))
        .option("readChangeFeed", "true");
    if (!hasOffsets(spark, checkpoint)) {
      // reading the whole history costs seconds on a long-lived table; a running stream resumes from its offsets
      reader = reader.option("startingVersion", String.valueOf(EventsTableCheck.firstStreamVersion(spark, events)));
    }
    Dataset<Row> stream = events.isPath() ? reader.load(events.value()) : reader.table(events.value());
    stream = stream.filter(col("_change_type").equalTo("insert"));
    TriggerSpec t = engine.config().trigger();
    LOG.info(() -> "SyncJob streaming " + events + " (trigger " + t + ", checkpoint " + checkpoint + ", run " + engine.run().jobRunId() + ")");
    try {
      return stream.writeStream()
          .queryName("bridge-sync")
          .option("checkpointLocation", checkpoint)
          .trigger(t.availableNow() ? Trigger.AvailableNow() : Trigger.ProcessingTime(t.interval().toMillis()))
          .foreachBatch(handler)
          .start();
    } catch (TimeoutException e) {
      throw new BridgeException(ErrorClass.INTERNAL, "SyncJob's stream did not start: " + e.getMessage(), e);
    }
  }

  /** True when the checkpoint already holds offsets (Spark then ignores startingVersion). */
  static boolean hasOffsets(SparkSession spark, String checkpoint) {
    try {
      org.apache.hadoop.fs.Path offsets = new org.apache.hadoop.fs.Path(checkpoint, "offsets");
      org.apache.hadoop.fs.FileSystem fs = offsets.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(offsets) && fs.listStatus(offsets).length > 0;
    } catch (java.io.IOException e) {
      return false; // then compute the starting version: correct either way, only slower
    }
  }
}
