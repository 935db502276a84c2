package com.kwp.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kwp.bridge.bench.Measurement.Role;
import com.kwp.bridge.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness at a tiny scale, so it cannot rot: every path ran (or says why not), every path did
 * the same work, and the table, JSON and chart were written. Timings are never asserted.
 */
class BenchHarnessIT {
  private static final double TINY_SCALE = 0.002;

  @Test
  void tinyRunMeasuresEveryPathAndWritesTableJsonAndChart() throws Exception {
    Path out = TestSpark.tempDir("bench-results");
    BenchOptions options = new BenchOptions(TINY_SCALE, out, List.of(2), 0, BenchOptions.PARTS, java.util.Optional.empty());
    BenchResults r = BenchHarness.run(options, TestSpark.session());
    ResultsFiles.write(r, out);

    assertTrue(r.lineitemRows() > 10_000, "TPC-H lineitem at SF 0.002 has ~12k rows, got " + r.lineitemRows());
    List<Measurement> ms = r.measurements();
    Set<String> groups = ms.stream().map(Measurement::group).collect(Collectors.toSet());
    assertEquals(Set.of(ExtractBench.GROUP, ChangesBench.GROUP, SyncBench.INSERT, SyncBench.UPSERT, SyncBench.DELETE, SyncBench.REPLACE,
        SyncBench.INSERT_QUARTER), groups);
    for (Measurement m : ms) {
      assertTrue(m.measured() || m.note().startsWith("not measured: "), "a row neither measured nor explained: " + m);
      if (m.measured()) {
        assertTrue(m.usage().wallSeconds() > 0 && m.rows() > 0, "empty measurement: " + m);
      }
      if (m.role() != Role.BRIDGE) {
        assertTrue(m.measured(), "limits and baselines always run: " + m);
      }
      if (m.group().equals(ChangesBench.GROUP)) {
        assertFalse(m.note().contains(ChangesBench.MISMATCH), "Delta matches the source after each run: " + m);
      }
    }
    // 2 formats x (1 baseline + 1 partition count + the automatic table-by-name row) + the limit's text and binary forms
    assertEquals(8, ms.stream().filter(m -> m.group().equals(ExtractBench.GROUP)).count());

    assertSameRows(r, ms);
    assertFilesWritten(out, ms.size());
  }

  private static void assertSameRows(BenchResults r, List<Measurement> ms) {
    for (Measurement m : ms) {
      if (!m.measured()) {
        continue;
      }
      long expected = switch (m.group()) {
        case ExtractBench.GROUP -> r.lineitemRows();
        case SyncBench.INSERT -> r.lineitemRows();
        case SyncBench.REPLACE -> r.syncTargets().get("tgt_limit").rows();
        default -> -1;
      };
      if (expected >= 0) {
        assertEquals(expected, m.rows(), "rows of " + m.group() + " / " + m.path());
      }
    }
    for (String g : List.of(ChangesBench.GROUP, SyncBench.UPSERT, SyncBench.DELETE, SyncBench.REPLACE, SyncBench.INSERT_QUARTER)) {
      Set<Long> counts = ms.stream().filter(m -> m.group().equals(g) && m.measured()).map(Measurement::rows).collect(Collectors.toSet());
      assertEquals(1, counts.size(), "every path of " + g + " affects the same rows: " + counts);
    }
    Set<SyncBench.Fingerprint> finals = r.syncTargets().entrySet().stream()
        .filter(e -> !e.getKey().equals("tgt_bridge") || ms.stream().anyMatch(m -> m.role() == Role.BRIDGE && m.group().equals(SyncBench.INSERT) && m.measured()))
        .map(java.util.Map.Entry::getValue).collect(Collectors.toSet());
    assertEquals(1, finals.size(), "every sync chain ends with the same data: " + r.syncTargets());
    // REPLACE left the quarter of lineitem whose order key is a multiple of 4
    long quarter = finals.iterator().next().rows();
    assertTrue(quarter > r.lineitemRows() * 0.2 && quarter < r.lineitemRows() * 0.3, "targets hold the quarter after REPLACE: " + quarter);
  }

  private static void assertFilesWritten(Path out, int rows) throws Exception {
    JsonNode json = new ObjectMapper().readTree(out.resolve(ResultsFiles.JSON).toFile());
    assertEquals(rows, json.get("measurements").size());
    assertTrue(json.get("measurements").get(0).has("rowsPerSecond"));
    String table = Files.readString(out.resolve(ResultsFiles.TEXT));
    assertTrue(table.contains("limit: COPY (SELECT * FROM lineitem) TO STDOUT"), table);
    assertTrue(table.contains("limit: COPY FROM STDIN") && table.contains("atomic limit: binary COPY to staging"), table);
    assertTrue(Files.readString(out.resolve(ResultsFiles.MARKDOWN)).startsWith("| operation |"));
    byte[] png = Files.readAllBytes(out.resolve(ResultsFiles.CHART));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG chart");
    assertFalse(table.isBlank());
  }
}
