package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;

import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.lake.EventTables;
import com.kwp.bridge.lake.TableRef;
import java.util.List;
import java.util.logging.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * SyncJob's start-up check that events can be authenticated: the events table has its change data feed
 * (the commit version of each event, hence its committing user) and, with {@code sync.identity = commit},
 * its recent appends carry a user (Unity Catalog records one for every commit; open-source Delta none).
 * Reads Delta metadata only.
 */
final class EventsTableCheck {
  private static final Logger LOG = Logger.getLogger(EventsTableCheck.class.getName());
  /** How many of the latest appends are looked at. */
  static final int RECENT = 50;

  private EventsTableCheck() {}

  /**
   * Where a new stream starts reading the change feed: the earliest version still in the log, or the
   * (last) version that turned the feed on if later, since the feed cannot be read across versions that
   * did not record it. Metadata of the history only.
   */
  static long firstStreamVersion(SparkSession spark, TableRef events) {
    long earliest = Long.MAX_VALUE;
    long enabledAt = -1;
    java.util.regex.Pattern on = java.util.regex.Pattern.compile("\"delta\\.enableChangeDataFeed\"\\s*:\\s*\"true\"", java.util.regex.Pattern.CASE_INSENSITIVE);
    for (Row r : events.deltaTable(spark).history().select("version", "operationParameters").collectAsList()) {
      long v = r.getLong(0);
      earliest = Math.min(earliest, v);
      java.util.Map<String, String> params = r.isNullAt(1) ? java.util.Map.of() : r.getJavaMap(1);
      String props = params.get("properties");
      if (props != null && on.matcher(props).find()) {
        enabledAt = Math.max(enabledAt, v);
      }
    }
    return Math.max(earliest == Long.MAX_VALUE ? 0 : earliest, enabledAt);
  }

  static void requireAuthenticatable(SparkSession spark, TableRef events, SyncConfig.Identity identity) {
    ConfigException.check(EventTables.changeFeedEnabled(spark, events), "events table %s has no change data feed, so its events cannot"
        + " be authenticated: run ALTER TABLE %s SET TBLPROPERTIES (delta.enableChangeDataFeed = true) (tables SyncJob creates have it)",
        events, events.sqlName());
    if (identity == SyncConfig.Identity.DECLARED) {
      LOG.warning(() -> "sync.identity = declared: events are NOT authenticated; each event's principal is whatever its requested_by says."
          + " Use this for local runs only; on Databricks leave sync.identity = commit.");
      return;
    }
    List<Row> appends = events.deltaTable(spark).history(RECENT * 4)
        .filter(col("operation").isin("WRITE", "STREAMING UPDATE", "MERGE", "COPY INTO"))
        .select("version", "userName").limit(RECENT).collectAsList();
    List<Long> anonymous = appends.stream().filter(r -> r.isNullAt(1) || r.getString(1).isBlank()).map(r -> r.getLong(0)).toList();
    ConfigException.check(anonymous.isEmpty(), "events table %s has commits without a user (versions %s), so their events cannot be"
        + " authenticated: append events on Databricks (Unity Catalog records who commits). For a local run on open-source Delta only,"
        + " set sync.identity = declared.", events, anonymous);
  }
}
