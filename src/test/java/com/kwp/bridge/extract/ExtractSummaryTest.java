package com.kwp.bridge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ExtractSummaryTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void tableIsAlignedAndListsFailures() {
    List<QueryResult> results = List.of(
        new QueryResult("ventas", "Colombia", "/out/ventas", "overwrite", "parquet", 5, 1_000_000, 1_000_000, 10.0, null, null,
            QueryResult.Status.OK, null, T),
        QueryResult.failed("productos", "Colombia", "/out/productos", "skip-existing", "parquet", 0.5, "TemplateException: {x} not resolved", T));
    String[] lines = ExtractSummary.table(results).split(System.lineSeparator());
    assertEquals(4, lines.length);
    assertEquals(lines[0].indexOf("rows read") + "rows read".length(), lines[1].indexOf("1,000,000") + "1,000,000".length());
    assertTrue(lines[1].contains("100,000"), lines[1]);
    assertTrue(lines[3].startsWith("FAILED productos: TemplateException"), lines[3]);
  }

  @Test
  void runsTableRowsFollowTheSchema() {
    QueryResult r = new QueryResult("v", "Mexico", "/o/v", "incremental", "delta", 3, 10, 10, 2.0, "5", "15",
        QueryResult.Status.OK, null, T);
    Row row = ExtractSummary.rows("run-1", List.of(r)).get(0);
    assertEquals(com.kwp.bridge.lake.ExtractRunsTable.SCHEMA.size(), row.size());
    assertEquals("run-1", row.getString(0));
    assertEquals(5.0, row.getDouble(11));
    assertEquals("5", row.getString(12));
    assertEquals("OK", row.getString(14));
  }
}
