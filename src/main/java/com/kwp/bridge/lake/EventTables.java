package com.kwp.bridge.lake;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Schemas of SyncJob's Delta tables (events, status, audit) and their creation when missing. */
public final class EventTables {
  /** Producers append here; SyncJob streams it. Schema as in the design. */
  public static final StructType EVENTS = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("operation", DataTypes.StringType, false)
      .add("source_table", DataTypes.StringType, false)
      .add("target_table", DataTypes.StringType, false)
      .add("primary_keys", DataTypes.createArrayType(DataTypes.StringType), true)
      .add("source_filter", DataTypes.StringType, true)
      .add("requested_by", DataTypes.StringType, true)
      .add("created_at", DataTypes.TimestampType, false)
      .add("options", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true);

  /** One row per event, written only by SyncJob (MERGE by event_id). */
  public static final StructType STATUS = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("operation", DataTypes.StringType, true)
      .add("target_table", DataTypes.StringType, true)
      .add("requested_by", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("attempts", DataTypes.IntegerType, false)
      .add("rows_expected", DataTypes.LongType, true)
      .add("rows_affected", DataTypes.LongType, true)
      .add("discrepancy", DataTypes.LongType, true)
      .add("error_class", DataTypes.StringType, true)
      .add("error_message", DataTypes.StringType, true)
      .add("submitted_by_commit_user", DataTypes.StringType, true)
      .add("started_at", DataTypes.TimestampType, true)
      .add("finished_at", DataTypes.TimestampType, true)
      .add("job_run_id", DataTypes.StringType, true)
      .add("commit_version", DataTypes.LongType, true)
      .add("rows_inserted", DataTypes.LongType, true)
      .add("rows_updated", DataTypes.LongType, true)
      .add("rows_deleted", DataTypes.LongType, true);

  /** Append-only record of every decision. */
  public static final StructType AUDIT = new StructType()
      .add("ts", DataTypes.TimestampType, false)
      .add("event_type", DataTypes.StringType, false)
      .add("principal", DataTypes.StringType, true)
      .add("resource", DataTypes.StringType, true)
      .add("action", DataTypes.StringType, true)
      .add("outcome", DataTypes.StringType, true)
      .add("rows", DataTypes.LongType, true)
      .add("event_id", DataTypes.StringType, true)
      .add("job_run_id", DataTypes.StringType, true)
      .add("detail", DataTypes.StringType, true);

  /**
   * Change data feed on the events table: the stream reads the feed, so every event carries its commit
   * version (submission order, and the key to the committing user in the table history), and deletes or
   * updates on the events table (retention clean-up) do not stop the stream.
   */
  public static final Map<String, String> EVENTS_PROPERTIES = Map.of("delta.enableChangeDataFeed", "true");

  private EventTables() {}

  /** Creates whichever of the three tables is missing (one log line each). */
  public static void createIfMissing(SparkSession spark, TableRef events, TableRef status, TableRef audit) {
    events.createIfMissing(spark, EVENTS, EVENTS_PROPERTIES, "bridge events: producers append, SyncJob applies");
    status.createIfMissing(spark, STATUS, Map.of(), "bridge event status: one row per event, written by SyncJob");
    addMissingColumns(spark, status, STATUS);
    audit.createIfMissing(spark, AUDIT, Map.of(), "bridge audit: append-only record of SyncJob decisions");
  }

  /** A status table created by an earlier version gains the columns added since (nullable; old rows read NULL). */
  static void addMissingColumns(SparkSession spark, TableRef table, StructType wanted) {
    java.util.Set<String> have = new java.util.HashSet<>(java.util.Arrays.asList(table.read(spark).columns()));
    for (org.apache.spark.sql.types.StructField f : wanted.fields()) {
      if (!have.contains(f.name())) {
        spark.sql("ALTER TABLE " + table.sqlName() + " ADD COLUMNS (" + f.name() + " " + f.dataType().sql() + ")");
      }
    }
  }

  /** True when the events table has the change data feed enabled. */
  public static boolean changeFeedEnabled(SparkSession spark, TableRef events) {
    // the table's properties from its snapshot's metadata only (DESCRIBE DETAIL also sizes every file)
    java.util.List<Row> rows = spark.sql("SHOW TBLPROPERTIES " + events.sqlName() + " ('delta.enableChangeDataFeed')").collectAsList();
    return !rows.isEmpty() && "true".equalsIgnoreCase(rows.get(0).getString(1));
  }
}
