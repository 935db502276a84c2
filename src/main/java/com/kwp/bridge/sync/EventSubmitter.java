package com.kwp.bridge.sync;

import com.kwp.bridge.lake.EventTables;
import com.kwp.bridge.lake.TableRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.kwp.bridge.error.ValidationException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

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

  /** Validates the event's shape and filter (throws ValidationException naming the problem) and appends; returns the event id. */
  public String submit(SparkSession spark, SyncEvent e) {
    EventValidator.validate(e);
    append(spark, e);
    return e.eventId();
  }

  /**
   * Runs {@code checks}, then appends, unless an event with the same id is already in the events table:
   * the same event again (an idempotent resubmission) appends nothing and returns its id; a different
   * event under that id is refused.
   */
  public String submitChecked(SparkSession spark, SyncEvent e, SubmitChecks checks) {
    checks.check(spark, e);
    if (events.exists(spark)) {
      List<Row> same = events.read(spark).filter(functions.col("event_id").isin(EventId.storedSpellings(e.eventId()).toArray()))
          .limit(1).collectAsList();
      if (!same.isEmpty()) {
        SyncEvent earlier = SyncEvent.fromRow(same.get(0));
        ValidationException.check(sameRequest(earlier, e), "event id %s is already used by a different event (%s %s -> %s); resubmit"
            + " with the same settings, or use a new --event-id", e.eventId(), earlier.operation(), earlier.sourceTable(), earlier.targetTable());
        return e.eventId();
      }
    }
    append(spark, e);
    return e.eventId();
  }

  private static boolean sameRequest(SyncEvent a, SyncEvent b) {
    return java.util.Objects.equals(a.operation() == null ? null : a.operation().toUpperCase(java.util.Locale.ROOT),
        b.operation() == null ? null : b.operation().toUpperCase(java.util.Locale.ROOT))
        && java.util.Objects.equals(a.sourceTable(), b.sourceTable()) && java.util.Objects.equals(a.targetTable(), b.targetTable())
        && java.util.Objects.equals(a.primaryKeys() == null ? List.of() : a.primaryKeys(), b.primaryKeys() == null ? List.of() : b.primaryKeys())
        && java.util.Objects.equals(blankToNull(a.sourceFilter()), blankToNull(b.sourceFilter()))
        && java.util.Objects.equals(a.requestedBy(), b.requestedBy()) && a.options().equals(b.options());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private void append(SparkSession spark, SyncEvent e) {
    events.createIfMissing(spark, EventTables.EVENTS, EventTables.EVENTS_PROPERTIES, "bridge events: producers append, SyncJob applies");
    events.save(spark.createDataFrame(List.of(e.toRow()), EventTables.EVENTS).write().format("delta").mode("append"));
  }

  /** An event with the given id (a producer's own, for idempotent resubmission) instead of a fresh uuid. */
  public static SyncEvent withId(SyncEvent e, String id) {
    return new SyncEvent(id, e.operation(), e.sourceTable(), e.targetTable(), e.primaryKeys(), e.sourceFilter(), e.requestedBy(), e.createdAt(),
        e.options(), e.commitVersion(), e.commitUser());
  }
}
