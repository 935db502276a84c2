package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.security.FilterPolicy;
import com.kwp.bridge.security.SourceName;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an event's shape before anything touches a database; messages say what to fix. */
public final class EventValidator {
  /** Event ids become part of staging table names: keep them to safe characters. */
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}");

  private EventValidator() {}

  /** True when {@code id} is a valid event id (letters, digits, '-' or '_', at most 64 characters). */
  public static boolean validId(String id) {
    return id != null && EVENT_ID.matcher(id).matches();
  }

  /** Validates {@code e}; throws {@link ValidationException} naming the field. The filter is checked against the allow-list. */
  public static ValidEvent validate(SyncEvent e) {
    ValidationException.check(validId(e.eventId()),
        "event_id '%s' is not valid: use a uuid (letters, digits, '-' or '_', at most 64 characters)", e.eventId());
    Operation op = Operation.parse(e.operation()).orElseThrow(() -> new ValidationException(
        "event " + e.eventId() + ": unknown operation '" + e.operation() + "'; use INSERT, UPDATE, UPSERT, DELETE or REPLACE"));
    ValidationException.check(e.sourceTable() != null && !e.sourceTable().isBlank(), "event %s: source_table is empty", e.eventId());
    SourceName source;
    try {
      source = SourceName.parse(e.sourceTable());
    } catch (ValidationException ex) {
      throw new ValidationException("event " + e.eventId() + ": " + ex.getMessage());
    }
    TableName target;
    try {
      target = TableName.parseTarget(e.targetTable());
    } catch (ValidationException ex) {
      throw new ValidationException("event " + e.eventId() + ": target_table is not schema.table or database.schema.table: " + ex.getMessage());
    }
    List<String> keys = e.primaryKeys() == null ? List.of() : e.primaryKeys();
    if (op.requiresKeys()) {
      ValidationException.check(!keys.isEmpty(), "event %s: %s needs primary_keys (the key columns to match on)", e.eventId(), op);
    }
    Set<String> seen = new HashSet<>();
    for (String k : keys) {
      ValidationException.check(k != null && !k.isBlank(), "event %s: primary_keys contains an empty name", e.eventId());
      ValidationException.check(seen.add(k.toLowerCase(Locale.ROOT)), "event %s: primary key '%s' is listed twice", e.eventId(), k);
    }
    if (e.sourceFilter() != null && !e.sourceFilter().isBlank()) {
      try {
        FilterPolicy.check(e.sourceFilter(), null);
      } catch (ValidationException ex) {
        throw new ValidationException("event " + e.eventId() + ": " + ex.getMessage());
      }
    }
    EventOptions options = EventOptions.parse(e.eventId(), e.options());
    ValidationException.check(!options.allowEmptyReplace() || op == Operation.REPLACE,
        "event %s: option %s applies to REPLACE only", e.eventId(), EventOptions.ALLOW_EMPTY);
    return new ValidEvent(e, op, target, source, List.copyOf(keys), options);
  }
}
