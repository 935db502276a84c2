package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;

import com.kwp.bridge.config.TriggerSpec;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.lake.EventTables;
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
 * The Structured Streaming query over the events table. With the change data feed on (tables SyncJob
 * creates have it), the stream reads the feed and keeps only {@code insert} rows: each event then carries
 * its commit version, and deletes/updates on the events table (retention clean-up, corrections) neither stop
 * the stream nor re-emit events. Without the feed, {@code skipChangeCommits} gives the same robustness but no
 * commit version (submission order then falls back to created_at, event_id).
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
    boolean cdf = EventTables.changeFeedEnabled(spark, events);
    DataStreamReader reader = spark.readStream().format("delta")
        .option("maxFilesPerTrigger", String.valueOf(engine.config().maxEventsPerBatch()));
    reader = cdf ? reader.option("readChangeFeed", "true") : reader.option("skipChangeCommits", "true");
    if (!cdf) {
      LOG.warning(() -> "events table " + events + " has no change data feed: using skipChangeCommits; set"
          + " delta.enableChangeDataFeed = true to get commit versions and committing users");
    }
    Dataset<Row> stream = events.isPath() ? reader.load(events.value()) : reader.table(events.value());
    if (cdf) {
      stream = stream.filter(col("_change_type").equalTo("insert"));
    }
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
