package com.kwp.bridge.sync;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the events table as submitted (not yet validated), plus what the stream knows about it:
 * the Delta commit version that added it ({@code -1} when unknown) and the committing user (may be null).
 */
public record SyncEvent(
    String eventId, String operation, String sourceTable, String targetTable, List<String> primaryKeys, String sourceFilter,
    String requestedBy, Instant createdAt, Map<String, String> options, long commitVersion, String commitUser)
    implements Serializable {

  public SyncEvent {
    eventId = EventId.canonical(eventId); // one spelling per id, whoever wrote the row
    primaryKeys = primaryKeys == null ? null : List.copyOf(primaryKeys);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** Reads the design's columns (and {@code _commit_version} when the change feed supplies it). */
  public static SyncEvent fromRow(Row r) {
    List<String> keys = r.isNullAt(r.fieldIndex("primary_keys")) ? null : r.getList(r.fieldIndex("primary_keys"));
    Map<String, String> options = r.isNullAt(r.fieldIndex("options")) ? Map.of() : r.getJavaMap(r.fieldIndex("options"));
    Timestamp created = r.getAs("created_at");
    long version = hasField(r, "_commit_version") && !r.isNullAt(r.fieldIndex("_commit_version")) ? r.<Long>getAs("_commit_version") : -1L;
    return new SyncEvent(r.getAs("event_id"), r.getAs("operation"), r.getAs("source_table"), r.getAs("target_table"),
        keys == null ? null : keys.stream().map(k -> k == null ? null : k).toList(),
        r.getAs("source_filter"), r.getAs("requested_by"), created == null ? null : created.toInstant(), options, version, null);
  }

  private static boolean hasField(Row r, String name) {
    return java.util.Arrays.asList(r.schema().fieldNames()).contains(name);
  }

  /** The row to append to the events table (design schema, in order). */
  public Row toRow() {
    return RowFactory.create(eventId, operation, sourceTable, targetTable,
        primaryKeys == null ? null : scala.collection.JavaConverters.asScalaBuffer(primaryKeys).toSeq(),
        sourceFilter, requestedBy, createdAt == null ? null : Timestamp.from(createdAt),
        scala.collection.JavaConverters.mapAsScalaMap(options));
  }

  public SyncEvent withCommitUser(String user) {
    return new SyncEvent(eventId, operation, sourceTable, targetTable, primaryKeys, sourceFilter, requestedBy, createdAt, options,
        commitVersion, user);
  }
}
