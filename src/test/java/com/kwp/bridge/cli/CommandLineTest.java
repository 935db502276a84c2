package com.kwp.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  @Test
  void extractArgumentsAsTheExistingToolSpellsThem() {
    ExtractArgs a = ExtractArgs.parse(new String[] {
        "--queries-path", "./queries", "--config-path", "./config", "--country", "Mexico",
        "--destination", "/Volumes/catalog/schema/volume", "--query", "ventas", "--query", "productos", "--overwrite",
        "--param", "start_date=2024-01-01", "--run-id", "42"}).orElseThrow();
    assertEquals(Path.of("./queries"), a.queriesPath());
    assertEquals("Mexico", a.country());
    assertEquals(List.of("ventas", "productos"), a.queries());
    assertTrue(a.overwrite());
    assertEquals(Map.of("start_date", "2024-01-01"), a.params());
    assertEquals(Optional.of("42"), a.runId());
    assertEquals(Optional.empty(), a.format());
  }

  @Test
  void missingRequiredOptionsAreNamedWithUsage() {
    UsageException e = assertThrows(UsageException.class,
        () -> ExtractArgs.parse(new String[] {"--queries-path", "q", "--config-path", "c"}));
    assertTrue(e.getMessage().contains("--country"), e.getMessage());
    assertTrue(e.getMessage().contains("--destination"), e.getMessage());
    assertTrue(e.getMessage().contains("Usage"), e.getMessage());
  }

  @Test
  void unknownOptionsAndBadFormatsAreRejected() {
    String[] base = {"--queries-path", "q", "--config-path", "c", "--country", "X", "--destination", "d"};
    assertThrows(UsageException.class, () -> ExtractArgs.parse(concat(base, "--bogus", "1")));
    UsageException e = assertThrows(UsageException.class, () -> ExtractArgs.parse(concat(base, "--format", "csv")));
    assertTrue(e.getMessage().contains("parquet or delta"), e.getMessage());
  }

  @Test
  void helpIsNotAnError() {
    assertFalse(ExtractArgs.parse(new String[] {"--help"}).isPresent());
    assertFalse(SyncArgs.parse(new String[] {"--help"}).isPresent());
  }

  @Test
  void syncTriggerIsValidated() {
    SyncArgs a = SyncArgs.parse(new String[] {"--config-path", "conf", "--trigger", "interval:10s"}).orElseThrow();
    assertEquals(Optional.of("interval:10s"), a.trigger());
    assertThrows(UsageException.class, () -> SyncArgs.parse(new String[] {"--config-path", "conf", "--trigger", "once"}));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
