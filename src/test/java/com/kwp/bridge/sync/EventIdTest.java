package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A uuid is one id whatever the case of its letters; any other id is compared exactly. */
class EventIdTest {
  private static final String LOWER = "530db2cb-8151-4c2e-9a3f-0d4e5f6a7b8c";
  private static final String UPPER = "530DB2CB-8151-4C2E-9A3F-0D4E5F6A7B8C";

  @Test
  void aUuidInAnyCaseIsLowerCase() {
    assertEquals(LOWER, EventId.canonical(UPPER));
    assertEquals(LOWER, EventId.canonical("530Db2cB-8151-4c2E-9a3f-0D4e5F6a7b8C"));
    assertEquals(LOWER, EventId.canonical(LOWER));
    assertTrue(EventId.isUuid(UPPER));
  }

  @Test
  void anyOtherIdKeepsItsSpelling() {
    for (String id : List.of("Calib-2024-01", "CALIB-2024-01", "530DB2CB81514C2E9A3F0D4E5F6A7B8C", "530DB2CB-8151-4C2E-9A3F-0D4E5F6A7B8",
        "530DB2CB-8151-4C2E-9A3F-0D4E5F6A7B8CX", "G30DB2CB-8151-4C2E-9A3F-0D4E5F6A7B8C", "530DB2CB_8151_4C2E_9A3F_0D4E5F6A7B8C")) {
      assertEquals(id, EventId.canonical(id));
      assertFalse(EventId.isUuid(id), id);
    }
    assertNull(EventId.canonical(null));
  }

  @Test
  void storedSpellingsOfAUuidAreLowerAndUpperCaseOfAnyOtherIdItself() {
    assertEquals(List.of(LOWER, UPPER), EventId.storedSpellings("530Db2cb-8151-4c2e-9A3F-0d4e5f6a7b8c"));
    assertEquals(List.of("Calib-1"), EventId.storedSpellings("Calib-1"));
  }

  @Test
  void everyEventIsBuiltWithTheCanonicalIdWhoeverSubmitsIt() {
    SyncEvent raw = new SyncEvent(UPPER, "INSERT", "/s", "dbo.t", null, null, "team", Instant.now(), Map.of(), 7L, null);
    assertEquals(LOWER, raw.eventId(), "a row the stream reads");
    assertEquals(LOWER, raw.toRow().getString(0), "a row a producer's helper appends");
    assertEquals(LOWER, EventSubmitter.withId(EventSubmitter.newEvent("INSERT", "/s", "dbo.t", null, null, "team", Map.of()), UPPER).eventId(),
        "submit-event --event-id");
    assertEquals(LOWER, EventValidator.validate(raw).id());
    assertEquals("Calib-1", EventSubmitter.withId(raw, "Calib-1").eventId());
  }
}
