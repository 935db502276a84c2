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
    assertEquals(6, lines.length, String.join("\n", lines));
    for (String l : lines) {
      assertTrue(l.length() <= ExtractSummary.WIDTH, l.length() + ": " + l);
    }
    assertEquals(lines[0].indexOf("rows") + "rows".length(), lines[1].indexOf("1,000,000") + "1,000,000".length());
    assertTrue(lines[1].contains("100,000"), lines[1]);
    assertTrue(lines[2].contains("FAILED") && lines[2].endsWith("  division by zero"), "the database's words on the row: " + lines[2]);
    assertFalse(lines[2].contains("SELECT") || lines[2].contains("DatabaseException") || lines[2].contains("SQLState"), lines[2]);
    assertTrue(lines[3].contains("SKIPPED"), lines[3]);
    assertTrue(lines[4].equals("    output exists; --overwrite replaces it"), "too long for its row, and not a failure: " + lines[4]);
    assertTrue(lines[5].startsWith("k ") && lines[5].contains("FAILED") && lines[5].contains("extract.queries.k.keys"), lines[5]);
  }

  /** PostgreSQL's error for a missing table, as the column probe reports it (the statement follows in the log). */
  private static final String MISSING_TABLE = "DatabaseException: read the columns of the query failed: ERROR: relation"
      + " \"dbo.no_such_table\" does not exist\n  Position: 15 [SQLState 42P01, code 0] while running: SELECT * FROM (SELECT *"
      + " FROM dbo.no_such_table) q WHERE 1 = 0";

  @Test
  void aFailedQuerysRowSaysWhyInItsDetailNamingTheMissingObject() {
    List<QueryResult> results = List.of(
        new QueryResult("productos", "Peru", "/out/productos", "skip-existing", "parquet", 1, 120, 120, 1.5, null, null,
            QueryResult.Status.OK, null, T),
        QueryResult.failed("ghost", "Peru", "/out/ghost", "skip-existing", "parquet", 0.2, MISSING_TABLE, T));
    String[] lines = ExtractSummary.table(results).split(System.lineSeparator());
    assertEquals(3, lines.length, "a header and one line per query: " + String.join("\n", lines));
    assertTrue(lines[2].startsWith("ghost ") && lines[2].contains("FAILED"), lines[2]);
    assertTrue(lines[2].endsWith("  relation \"dbo.no_such_table\" does not exist"), lines[2]);
    for (String l : lines) {
      assertTrue(l.length() <= ExtractSummary.WIDTH, l.length() + ": " + l);
    }
  }

  @Test
  void aDatabaseErrorIsToldInTheDatabasesOwnWords() {
    assertEquals("division by zero", ExtractSummary.reason("source query failed: ERROR: division by zero [SQLState 22012] (SparkException)"));
    assertEquals("Invalid object name 'dbo.no_such_table'.", ExtractSummary.reason(
        "DatabaseException: read the columns of the query failed: Invalid object name 'dbo.no_such_table'. [SQLState S0002, code 208]"));
    assertEquals("connect to source jdbc:postgresql://h/db failed: Connection refused",
        ExtractSummary.reason("connect to source jdbc:postgresql://h/db failed: Connection refused"), "a step naming a place is kept");
  }

  @Test
  void aLongReasonIsShortenedWithAnEllipsisOnItsOwnRow() {
    String query = "a_query_with_a_long_name_x";
    List<QueryResult> results = List.of(QueryResult.failed(query, "Peru", "/out/q", "skip-existing", "parquet", 12345.6,
        "DatabaseException: read the columns of the query failed: ERROR: relation \"dbo.a_table_whose_name_is_very_long_indeed_"
            + "x".repeat(80) + "\" does not exist [SQLState 42P01, code 0]", T));
    String[] lines = ExtractSummary.table(results).split(System.lineSeparator());
    assertEquals(2, lines.length, String.join("\n", lines));
    assertEquals(ExtractSummary.WIDTH, lines[1].length(), lines[1]);
    assertTrue(lines[1].matches(".* FAILED .*  relation \"dbo\\.a_table_\\w*\\.\\.\\."), lines[1]);
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
