package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ordering rule and event validation (pure). */
class EventOrderingTest {
  static SyncEvent ev(String id, String target, long version, int second) {
    return new SyncEvent(id, "INSERT", "src", target, null, null, "p", Instant.ofEpochSecond(second), Map.of(), version, null);
  }

  @Test
  void eventsOfOneTableKeepSubmissionOrderWhateverTheArrivalOrder() {
    List<SyncEvent> arrived = List.of(ev("c", "dbo.A", 3, 1), ev("x", "dbo.B", 1, 9), ev("a", "dbo.a", 1, 5), ev("b", "[dbo].[A]", 2, 0),
        ev("a2", "dbo.A", 1, 5));
    EventOrdering.Plan plan = EventOrdering.plan(arrived);
    assertEquals(2, plan.groups().size());
    assertEquals(List.of("a", "a2", "b", "c"), plan.groups().get(0).stream().map(SyncEvent::eventId).toList());
    assertEquals(List.of("x"), plan.groups().get(1).stream().map(SyncEvent::eventId).toList());
    assertEquals(plan, EventOrdering.plan(List.of(arrived.get(4), arrived.get(3), arrived.get(2), arrived.get(1), arrived.get(0))));
  }

  @Test
  void aRepeatedEventIdIsAppliedOnceTheFirstSubmissionWins() {
    EventOrdering.Plan plan = EventOrdering.plan(List.of(ev("same", "dbo.A", 2, 0), ev("same", "dbo.B", 1, 0)));
    assertEquals("dbo.B", plan.groups().get(0).get(0).targetTable());
    assertEquals(1, plan.duplicates().size());
  }

  @Test
  void validationNamesTheProblem() {
    SyncEvent ok = new SyncEvent("e-1", "upsert", "s", "[db].[dbo].[t x]", List.of("id hogar"), "periodo > 1", "team", Instant.EPOCH, Map.of(), 0, null);
    ValidEvent v = EventValidator.validate(ok);
    assertEquals(Operation.UPSERT, v.operation());
    assertEquals("t x", v.target().table());
    assertTrue(assertThrows(ValidationException.class, () -> EventValidator.validate(
        new SyncEvent("e-1", "MERGE", "s", "dbo.t", List.of("k"), null, "p", Instant.EPOCH, Map.of(), 0, null))).getMessage().contains("unknown operation"));
    assertTrue(assertThrows(ValidationException.class, () -> EventValidator.validate(
        new SyncEvent("e-1", "DELETE", "s", "dbo.t", List.of(), null, "p", Instant.EPOCH, Map.of(), 0, null))).getMessage().contains("primary_keys"));
    assertTrue(assertThrows(ValidationException.class, () -> EventValidator.validate(
        new SyncEvent("e-1", "INSERT", "s", "t", null, null, "p", Instant.EPOCH, Map.of(), 0, null))).getMessage().contains("one name part"));
    assertTrue(assertThrows(ValidationException.class, () -> EventValidator.validate(
        new SyncEvent("e-1", "INSERT", "s", "dbo.t", null, "reflect('java.lang.System','exit',7) IS NULL", "p", Instant.EPOCH, Map.of(), 0, null)))
        .getMessage().contains("function reflect()"));
    assertTrue(assertThrows(ValidationException.class, () -> EventValidator.validate(
        new SyncEvent("e/1", "INSERT", "s", "dbo.t", null, null, "p", Instant.EPOCH, Map.of(), 0, null))).getMessage().contains("event_id"));
    assertTrue(assertThrows(ValidationException.class, () -> EventValidator.validate(
        new SyncEvent("e-1", "INSERT", "s", "dbo.t", null, "1=1; DROP TABLE x", "p", Instant.EPOCH, Map.of(), 0, null))).getMessage().contains("source_filter"));
    assertTrue(assertThrows(ValidationException.class, () -> EventValidator.validate(
        new SyncEvent("e-1", "INSERT", "s", "a.b.c.d", null, null, "p", Instant.EPOCH, Map.of(), 0, null))).getMessage().contains("target_table"));
  }
}
