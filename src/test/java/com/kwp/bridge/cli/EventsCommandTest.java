package com.kwp.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.lake.EventTables;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

class EventsCommandTest {
  private static Row status(String status, Long rows, String errorClass, String message) {
    Object[] v = new Object[EventTables.STATUS.size()];
    String[] names = EventTables.STATUS.fieldNames();
    for (int i = 0; i < names.length; i++) {
      v[i] = switch (names[i]) {
        case "event_id" -> "e-1";
        case "status" -> status;
        case "operation" -> "INSERT";
        case "target_table" -> "dbo.t";
        case "rows_affected" -> rows;
        case "error_class" -> errorClass;
        case "error_message" -> message;
        case "attempts" -> 1;
        case "started_at" -> new Timestamp(0);
        default -> null;
      };
    }
    return new GenericRowWithSchema(v, EventTables.STATUS);
  }

  @Test
  void aFailedEventShowsItsErrorNotRowsNull() {
    String line = EventsCommand.format(status("failed", null, "DATABASE", "insert failed: table dbo.t does not exist\nmore detail"), false);
    assertFalse(line.contains("null"), line);
    assertTrue(line.contains("rows=-") && line.contains("DATABASE: insert failed: table dbo.t does not exist"), line);
    assertFalse(line.contains("more detail"), line);
    assertTrue(EventsCommand.format(status("completed", 4L, null, null), false).endsWith("rows=4"));
  }

  @Test
  void limitMustBeAPositiveWholeNumber() {
    assertEquals(5, EventsCommand.limit("5"));
    UsageException e = assertThrows(UsageException.class, () -> EventsCommand.limit("ten"));
    assertEquals("--limit must be a whole number of at least 1, got 'ten'", e.getMessage());
    assertThrows(UsageException.class, () -> EventsCommand.limit("0"));
  }
}
