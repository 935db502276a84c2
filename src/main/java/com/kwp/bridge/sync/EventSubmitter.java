package com.kwp.bridge.sync;

import com.kwp.bridge.lake.EventTables;
import com.kwp.bridge.lake.TableRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/** The producers' helper (CLI {@code submit-event} and Java): validates an event, then appends it. */
public final class EventSubmitter {
  private final TableRef events;

  public EventSubmitter(TableRef events) {
    this.events = events;
  }

  /** Builds an event with a fresh uuid and the current time. */
  public static SyncEvent newEvent(String operation, String source, String target, List<String> keys, String filter, String principal,
      Map<String, String> options) {
    return new SyncEvent(UUID.randomUUID().toString(), operation, source, target, keys, filter, principal, Instant.now(), options, -1L, null);
  }

  /** Validates (throws ValidationException naming the problem) and appends; returns the event id. */
  public String submit(SparkSession spark, SyncEvent e) {
    EventValidator.validate(e);
    events.createIfMissing(spark, EventTables.EVENTS, EventTables.EVENTS_PROPERTIES, "bridge events: producers append, SyncJob applies");
    events.save(spark.createDataFrame(List.of(e.toRow()), EventTables.EVENTS).write().format("delta").mode("append"));
    return e.eventId();
  }
}
