package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;

import com.kwp.bridge.config.TriggerSpec;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.lake.TableRef;
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
    engine.prepare(spark, true);
    BatchHandler.RunSummary summary = new BatchHandler.RunSummary();
    StreamingQuery query = start(spark, engine, checkpoint, new BatchHandler(engine, summary));
    try {
      query.awaitTermination();
    } catch (StreamingQueryException e) {
      throw new BridgeException(ErrorClass.INTERNAL, "SyncJob's stream failed: " + e.getMessage(), e);
    }
    return summary;
  }

  static StreamingQuery start(SparkSession spark, SyncEngine engine, String checkpoint, BatchHandler handler) {
    TableRef events = engine.eventsTable();
    EventsTableCheck.requireAuthenticatable(spark, events, engine.config().identity());
    // From a version, never from a snapshot: a fresh stream would otherwise emit the table's current rows as if
    // all were committed at the latest version, by the latest committer. (Used only when the checkpoint is new;
    // events whose commit has left the log, or predates the feed, cannot be authenticated and are not read.)
    long earliest = EventsTableCheck.firstStreamVersion(spark, events);
    DataStreamReader reader = spark.readStream().format("delta")
        .option("maxFilesPerTrigger", String.valueOf(engine.config().maxEventsPerBatch()))
        .option("readChangeFeed", "true")
        .option("startingVersion", String.valueOf(earliest));
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
}
