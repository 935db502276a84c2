package com.kwp.bridge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ExtractSummaryTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void tableIsAlignedFitsInOneHundredTwentyColumnsAndGivesShortReasons() {
    String template = "DatabaseException: Reading source rows failed: ERROR: division by zero [SQLState 22012, code 0]"
        + " while running: -- ventas of the month\nSELECT 1/0 AS x FROM a_very_long_table_name_that_goes_on " + "x".repeat(300);
    List<QueryResult> results = List.of(
        new QueryResult("ventas", "Colombia", "/out/ventas", "overwrite", "parquet", 5, 1_000_000, 1_000_000, 10.0, null, null,
            QueryResult.Status.OK, null, T),
        QueryResult.failed("productos_con_un_nombre_muy_largo_de_verdad", "Colombia", "/out/productos", "skip-existing", "parquet", 0.5,
            template, T),
        new QueryResult("clientes", "Colombia", "/out/clientes", "skip-existing", "parquet", 0, 0, 0, 0.1, null, null,
            QueryResult.Status.SKIPPED, null, T),
        // keys + Parquet fail before the mode is known: no NullPointerException
        QueryResult.failed("k", "Colombia", null, null, null, 0.0, "ConfigException: extract.queries.k.keys needs Delta", T));
    String[] lines = ExtractSummary.table(results).split(System.lineSeparator());
    assertEquals(8, lines.length, String.join("\n", lines));
    for (String l : lines) {
      assertTrue(l.length() <= ExtractSummary.WIDTH, l.length() + ": " + l);
    }
    assertEquals(lines[0].indexOf("rows") + "rows".length(), lines[1].indexOf("1,000,000") + "1,000,000".length());
    assertTrue(lines[1].contains("100,000"), lines[1]);
    assertTrue(lines[2].contains("FAILED"), lines[2]);
    assertTrue(lines[3].startsWith("    Reading source rows failed: ERROR: division by zero"), lines[3]);
    assertFalse(lines[3].contains("SELECT") || lines[3].contains("DatabaseException"), lines[3]);
    assertTrue(lines[4].contains("SKIPPED"), lines[4]);
    assertTrue(lines[5].contains("output exists; --overwrite replaces it"), lines[5]);
    assertTrue(lines[6].startsWith("k ") && lines[6].contains("FAILED"), lines[6]);
    assertTrue(lines[7].contains("extract.queries.k.keys needs Delta"), lines[7]);
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

  @Test
  void schemaChangesAreNamedUnderTheTableWrappedNeverCutAndInTheRunsTable() {
    var diffs = com.kwp.bridge.lake.SchemaComparison.compare(
        new org.apache.spark.sql.types.StructType().add("id", "bigint").add("old", "date"),
        new org.apache.spark.sql.types.StructType().add("id", "bigint").add("una columna nueva con un nombre largo de verdad", "string"));
    String longAction = "in the new files (read the folder with mergeSchema) " + "and so on ".repeat(10) + "END";
    QueryResult r = new QueryResult("v", "Mexico", "/o/v", "append", "delta", 3, 10, 10, 2.0, null, null, QueryResult.Status.OK, null,
        T).withSchemaChanges(List.of(new SchemaChange(diffs.get(0), longAction), new SchemaChange(diffs.get(1), "kept")));
    assertEquals("schema: 2 changes (below)", ExtractSummary.detail(r));
    String section = ExtractSummary.schemaChanges(List.of(r));
    String[] lines = section.split(System.lineSeparator());
    assertEquals("Schema changes (the source's columns against the existing output):", lines[0]);
    assertTrue(lines[1].startsWith("  v: added `una columna nueva con un nombre largo de verdad` (string): in the new files"), lines[1]);
    assertTrue(lines[lines.length - 2].endsWith("END"), section);
    assertEquals("  v: missing old (date): kept", lines[lines.length - 1]);
    for (String l : lines) {
      assertTrue(l.length() <= ExtractSummary.WIDTH, l.length() + ": " + l);
    }
    assertEquals("", ExtractSummary.schemaChanges(List.of(r.withSchemaChanges(List.of()))), "nothing printed when nothing changed");
    Row row = ExtractSummary.rows("run-1", List.of(r)).get(0);
    assertEquals("added `una columna nueva con un nombre largo de verdad` (string): " + longAction + "; missing old (date): kept",
        row.getString(16));
    assertEquals(null, ExtractSummary.rows("run-1", List.of(r.withSchemaChanges(List.of()))).get(0).get(16));
  }
}
