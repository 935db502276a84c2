package com.kwp.bridge.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectOnlyTest {
  @Test
  void oneSelectPasses() {
    assertEquals("SELECT 'DELETE; x' AS \"drop\" FROM t -- UPDATE", SelectOnly.check("  SELECT 'DELETE; x' AS \"drop\" FROM t -- UPDATE\n;"));
    assertEquals("WITH x AS (SELECT 1 AS a) SELECT a FROM x", SelectOnly.check("WITH x AS (SELECT 1 AS a) SELECT a FROM x"));
  }

  @Test
  void everythingElseIsRefused() {
    for (String sql : List.of("DELETE FROM t", "SELECT 1; DROP TABLE t", "SELECT * INTO copia FROM t", "UPDATE t SET a = 1",
        "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "EXEC sp_who", "SELECT * FROM t FOR UPDATE", "", "SELECT 'x")) {
      assertThrows(ValidationException.class, () -> SelectOnly.check(sql), sql);
    }
    assertTrue(assertThrows(ValidationException.class, () -> SelectOnly.check("SELECT 1; SELECT 2")).getMessage().contains("several"));
  }

  @Test
  void alignedTable() {
    assertEquals("id  nombre\n--  ------\n1   Ana\n10  NULL\n".replace("\n", System.lineSeparator()),
        TextTable.render(List.of("id", "nombre"), List.of(List.of("1", "Ana"), List.of("10", "NULL"))));
  }
}
