package com.kwp.bridge.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ordering rule, as a pure function: events are sorted in submission order (commit version, then
 * created_at, then event id, so the result never depends on arrival order inside a batch) and grouped by
 * target table. Each group is applied strictly in order; different groups may run in parallel.
 */
public final class EventOrdering {
  static final Comparator<SyncEvent> SUBMISSION_ORDER = Comparator
      .comparingLong(SyncEvent::commitVersion)
      .thenComparing(SyncEvent::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(SyncEvent::eventId, Comparator.nullsFirst(Comparator.naturalOrder()));

  private EventOrdering() {}

  /** Result: the groups (one per target table, first-submitted table first) and the dropped duplicate ids. */
  public record Plan(List<List<SyncEvent>> groups, List<SyncEvent> duplicates) {}

  /** Sorts, removes repeated event ids (the first submission wins), and groups by target table. */
  public static Plan plan(List<SyncEvent> events) {
    List<SyncEvent> sorted = new ArrayList<>(events);
    sorted.sort(SUBMISSION_ORDER);
    Set<String> seen = new HashSet<>();
    List<SyncEvent> duplicates = new ArrayList<>();
    Map<String, List<SyncEvent>> groups = new LinkedHashMap<>();
    for (SyncEvent e : sorted) {
      if (e.eventId() != null && !seen.add(e.eventId())) {
        duplicates.add(e);
        continue;
      }
      groups.computeIfAbsent(groupKey(e), k -> new ArrayList<>()).add(e);
    }
    return new Plan(groups.values().stream().map(List::copyOf).toList(), List.copyOf(duplicates));
  }

  /** Same table, same group: the parsed name lower-cased; unparseable names group by their raw text. */
  static String groupKey(SyncEvent e) {
    try {
      return com.kwp.bridge.dialect.TableName.parse(e.targetTable()).toString().toLowerCase(Locale.ROOT);
    } catch (RuntimeException ex) {
      return "\u0000" + e.targetTable();
    }
  }
}
