package com.kwp.bridge.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The bridge's java.util.logging lines go through log4j2: one format, and JSON with the run's context when asked. */
class LoggingTest {
  @Test
  void julLinesBecomeJsonObjectsWithTheContextFields() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Logging.install(Optional.of(Logging.JSON));
      try (LogContext c = LogContext.with(LogContext.RUN_ID, "run-7", LogContext.JOB_RUN_ID, "42", LogContext.COUNTRY, "Colombia",
          LogContext.QUERY, "ventas", LogContext.EVENT_ID, null)) {
        Logger.getLogger("com.kwp.bridge.extract.ExtractRunner").info("Query ventas: \"quoted\"\nsecond line");
      }
      Logger.getLogger("com.kwp.bridge.extract.ExtractRunner").warning("outside any run");
    } finally {
      System.setErr(original);
    }
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("ExtractRunner")).toList();
    assertEquals(2, lines.size(), err.toString(StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertEquals("INFO", first.get("level").asText());
    assertEquals("com.kwp.bridge.extract.ExtractRunner", first.get("logger").asText());
    assertEquals("run-7", first.get("run_id").asText());
    assertEquals("42", first.get("job_run_id").asText());
    assertEquals("Colombia", first.get("country").asText());
    assertEquals("ventas", first.get("query").asText());
    assertFalse(first.has("event_id"), lines.get(0));
    assertEquals("Query ventas: \"quoted\"\nsecond line", first.get("message").asText());
    JsonNode second = json.readTree(lines.get(1));
    assertEquals("WARN", second.get("level").asText());
    assertFalse(second.has("run_id"), "the scope was closed: " + lines.get(1));
    assertTrue(second.get("time").asText().endsWith("Z"), lines.get(1));
  }
}
