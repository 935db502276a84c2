package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options the bridge acts on; the producer's own keys pass untouched, near-misses of ours are refused. */
class EventOptionsTest {

  @Test
  void knownOptionsAreParsedAndOthersAreMetadata() {
    assertEquals(new EventOptions(true, true, false),
        EventOptions.parse("e1", Map.of("dry_run", "TRUE", "on_extra_columns", "ignore", "ticket", "42")));
    assertEquals(EventOptions.NONE, EventOptions.parse("e1", Map.of("note", "first run")));
  }

  @Test
  void aMistypedOrBadOptionIsRefusedNamingIt() {
    ValidationException typo = assertThrows(ValidationException.class, () -> EventOptions.parse("e1", Map.of("dryRun", "true")));
    assertEquals("event e1: option 'dryRun' is not recognised; did you mean 'dry_run'?", typo.getMessage());
    assertTrue(assertThrows(ValidationException.class, () -> EventOptions.parse("e1", Map.of("dry_run", "yes"))).getMessage()
        .contains("dry_run must be true or false, got 'yes'"));
    assertTrue(assertThrows(ValidationException.class, () -> EventOptions.parse("e1", Map.of("on_extra_columns", "drop"))).getMessage()
        .contains("on_extra_columns must be fail or ignore"));
  }
}
