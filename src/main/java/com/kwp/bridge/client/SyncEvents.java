package com.kwp.bridge.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kwp.bridge.sync.EventId;
import com.kwp.bridge.sync.EventSubmitter;
import com.kwp.bridge.sync.EventValidator;
import com.kwp.bridge.sync.SyncEvent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Sync events through the SQL Statement Execution API: insert into the events table, read the status table. */
final class SyncEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STATUSES = List.of(
      "pending", "completed", "failed", "rejected", "previewed", "running"); // running: rows of status tables written before SyncJob stopped writing it

  private final Statements statements;
  private final ClientSettings settings;

  SyncEvents(Statements statements, ClientSettings settings) {
    this.statements = statements;
    this.settings = settings;
  }

  /** Validates as SyncJob will (so a bad event fails here, not later), appends it; returns its id. */
  String submit(SyncEventRequest r, String callerIdentity) {
    SyncEvent e = EventSubmitter.newEvent(r.operation(), r.sourceTable(), r.targetTable(), r.primaryKeys(), r.sourceFilter(),
        callerIdentity, r.options());
    EventValidator.validate(e);
    List<Statements.Param> params = List.of(
        Statements.Param.string("event_id", e.eventId()),
        Statements.Param.string("operation", e.operation()),
        Statements.Param.string("source_table", e.sourceTable()),
        Statements.Param.string("target_table", e.targetTable()),
        Statements.Param.string("primary_keys", json(e.primaryKeys())),
        Statements.Param.string("source_filter", e.sourceFilter()),
        Statements.Param.string("options", json(e.options() == null || e.options().isEmpty() ? null : e.options())));
    statements.execute(BridgeSql.insertEvent(settings.eventsTable()), params, write());
    return e.eventId();
  }

  Optional<SyncEventStatus> get(String eventId) {
    StatementResult r = statements.execute(BridgeSql.eventStatus(settings.statusTable(), settings.eventsTable()),
        List.of(Statements.Param.string("event_id", EventId.canonical(eventId))), read());
    return r.records().stream().findFirst().map(SyncEventStatus::from);
  }

  List<SyncEventStatus> list(String status, int limit) {
    String s = status == null || status.isBlank() ? null : status.trim().toLowerCase(Locale.ROOT);
    com.kwp.bridge.error.ValidationException.check(s == null || STATUSES.contains(s), "status '%s' is not one of %s", status, STATUSES);
    com.kwp.bridge.error.ValidationException.check(limit > 0, "limit must be positive, got %d", limit);
    StatementResult r = statements.execute(BridgeSql.listEvents(settings.statusTable(), settings.eventsTable()),
        List.of(Statements.Param.string("status", s), Statements.Param.integer("max_rows", limit)), read());
    return r.records().stream().map(SyncEventStatus::from).toList();
  }

  /** Events still waiting after {@code minutes}: count and the oldest creation time (null when none). */
  record Backlog(long pending, String oldest) {}

  Backlog backlog(int minutes) {
    StatementResult r = statements.execute(BridgeSql.backlog(settings.statusTable(), settings.eventsTable()),
        List.of(Statements.Param.integer("minutes", minutes)), read());
    var row = r.records().get(0);
    return new Backlog(Long.parseLong(row.get("pending_events")), row.get("oldest_created_at"));
  }

  private RemoteErrors.Target write() {
    return new RemoteErrors.Target("events table " + settings.eventsTable(), "MODIFY and SELECT", "check BRIDGE_CATALOG/BRIDGE_SCHEMA");
  }

  private RemoteErrors.Target read() {
    return new RemoteErrors.Target("tables " + settings.statusTable() + " and " + settings.eventsTable(), "SELECT",
        "check BRIDGE_CATALOG/BRIDGE_SCHEMA");
  }

  private static String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an event field", e);
    }
  }
}
