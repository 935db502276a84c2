package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an event's shape before anything touches a database; messages say what to fix. */
public final class EventValidator {
  /** Event ids become part of staging table names: keep them to safe characters. */
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}");
  /** Source filters are Spark SQL predicates on the source only; no subqueries, no statement separators. */
  private static final Pattern FORBIDDEN_FILTER = Pattern.compile("(?i)(;|--|/\\*|\\bselect\\b)");

  private EventValidator() {}

  /** Validates {@code e}; throws {@link ValidationException} naming the field. */
  public static ValidEvent validate(SyncEvent e) {
    ValidationException.check(e.eventId() != null && EVENT_ID.matcher(e.eventId()).matches(),
        "event_id '%s' is not valid: use a uuid (letters, digits, '-' or '_', at most 64 characters)", e.eventId());
    Operation op = Operation.parse(e.operation()).orElseThrow(() -> new ValidationException(
        "event " + e.eventId() + ": unknown operation '" + e.operation() + "'; use INSERT, UPDATE, UPSERT or DELETE"));
    ValidationException.check(e.requestedBy() != null && !e.requestedBy().isBlank(),
        "event %s: requested_by (the principal) is empty", e.eventId());
    ValidationException.check(e.sourceTable() != null && !e.sourceTable().isBlank(), "event %s: source_table is empty", e.eventId());
    TableName target;
    try {
      target = TableName.parse(e.targetTable());
    } catch (ValidationException ex) {
      throw new ValidationException("event " + e.eventId() + ": target_table is not [database.]schema.table: " + ex.getMessage());
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
      ValidationException.check(!FORBIDDEN_FILTER.matcher(e.sourceFilter()).find(),
          "event %s: source_filter must be a plain predicate on the source's columns (no subqueries, ';' or comments)", e.eventId());
    }
    return new ValidEvent(e, op, target, List.copyOf(keys));
  }
}
