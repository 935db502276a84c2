package com.kwp.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.bench.Measurement.Role;
import com.kwp.bridge.cli.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic and reporting, without a database or Spark. */
class BenchReportingTest {

  private static Usage usage(double wall, double jvm, double db, double other) {
    return new Usage(wall, jvm, db, other, 100L << 20, 50L << 20, "pg-driver 60%");
  }

  @Test
  void ratiosDivideRatesOfTheSameRun() {
    Measurement limit = Measurement.of("g", "limit", Role.LIMIT, 1000, usage(1, 0, 1, 0));
    Measurement base = Measurement.of("g", "base", Role.BASELINE, 1000, usage(4, 1, 1, 0));
    Measurement bridge = Measurement.of("g", "bridge", Role.BRIDGE, 1000, usage(2, 1, 1, 0)).withRatios(limit, base);
    assertEquals(0.5, bridge.vsLimit(), 1e-9);
    assertEquals(2.0, bridge.vsBaseline(), 1e-9);
    assertNull(Measurement.notMeasured("g", "x", Role.BRIDGE, "why").withRatios(limit, base).vsLimit());
  }

  @Test
  void theFastestFormIsTheLimitAndTheOthersAreCandidatesDividedByIt() {
    Measurement text = Measurement.of("g", "COPY text", Role.LIMIT, 1000, usage(2, 0, 1, 0));
    Measurement binary = Measurement.of("g", "COPY binary", Role.LIMIT, 1000, usage(1, 0, 1, 0));
    SyncBench.Limit limit = SyncBench.fastest(SyncBench.LIMIT, List.of(text, binary));
    assertEquals("limit: COPY binary", limit.best().path());
    assertEquals(List.of("limit candidate (slower): COPY text", "limit: COPY binary"), limit.rows().stream().map(Measurement::path).toList());
    assertEquals(0.5, limit.rows().get(0).vsLimit(), 1e-9);
    assertNull(limit.best().vsLimit());
    SyncBench.Limit atomic = SyncBench.fastest(SyncBench.ATOMIC, List.of(binary, text));
    assertEquals("atomic limit: COPY binary", atomic.best().path());
    assertNull(atomic.rows().get(1).vsLimit(), "an atomic candidate's ratio to the atomic limit is the caller's");
  }

  @Test
  void boundNamesTheSaturatingSide() {
    assertEquals("cpu(jvm)", usage(10, 15, 2, 1).bound(2));
    assertEquals("cpu(other)", usage(10, 3, 2, 14).bound(2));
    assertEquals("db", usage(10, 2, 9, 0).bound(2));
    assertEquals("jvm", usage(10, 9, 2, 0).bound(2));
    assertEquals("wait", usage(10, 2, 2, 0).bound(2));
  }

  @Test
  void tablesShowUnmeasuredRowsWithTheirReason() {
    List<Measurement> ms = List.of(
        Measurement.of("sync INSERT", "limit: COPY", Role.LIMIT, 2_000_000, usage(2, 0.1, 1, 0)),
        Measurement.notMeasured("sync INSERT", "bridge", Role.BRIDGE, "no target"));
    BenchResults r = new BenchResults("2026-01-01 00:00 UTC", 0.1, new Machine(2, "cpu", 1024, "os", "java", "spark", "pg"),
        600_000, 150_000, 10, ms, Map.of(), List.of(), "not measured: skipped", "", "");
    String md = ResultsTable.markdown(r);
    assertTrue(md.contains("| sync INSERT | limit: COPY | 2,000,000 | 2.0 | 1,000,000 |"), md);
    assertTrue(md.contains("not measured: no target"), md);
    String text = ResultsTable.render(r);
    assertTrue(text.contains("TPC-H SF 0.1") && text.contains("not measured: skipped"), text);
  }

  @Test
  void optionsRejectBadScaleAndPartitions() {
    assertEquals(0.05, BenchOptions.parse(new String[0]).orElseThrow().scale());
    assertEquals(List.of(1, 3), BenchOptions.parse(new String[] {"--partitions", "1, 3"}).orElseThrow().partitions());
    assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"--scale", "0"}));
    assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"--partitions", "0"}));
    assertThrows(UsageException.class, () -> BenchOptions.parse(new String[] {"--scale", "x"}));
  }

  @Test
  void tdsRowsAreLabelledWithTheEngineBehindTheFront() {
    String version = "Babelfish for PostgreSQL with SQL Server Compatibility - 12.0.2000.8 Dec 3 2026 08:38:09 Copyright (c) Amazon Web"
        + " Services PostgreSQL 16.3 on x86_64-pc-linux-gnu (Babelfish 4.2.0)";
    assertEquals("TDS (Babelfish 4.2.0 on PostgreSQL 16.3): client-path ratios over a PostgreSQL engine behind a TDS front,"
        + " not SQL Server's engine", TdsEndpoint.label(version));
    assertEquals("TDS (Microsoft SQL Server 2022 (RTM) 16.0.1000.6 (X64))", TdsEndpoint.label("Microsoft SQL Server 2022 (RTM) 16.0.1000.6 (X64) - Oct 8 2022"));
  }

  @Test
  void extractGoalsDivideTheBridgesRatesByTheLimitSparkAndOnePartition() {
    String g = ExtractBench.GROUP;
    List<Measurement> rows = List.of(
        Measurement.of(g, "limit: COPY binary", Role.LIMIT, 1000, usage(1, 0, 1, 0)),
        Measurement.of(g, "baseline: Spark JDBC default -> parquet", Role.BASELINE, 1000, usage(5, 1, 0, 0)),
        Measurement.of(g, "bridge -> parquet, 1 partition", Role.BRIDGE, 1000, usage(4, 1, 0, 0)),
        Measurement.of(g, "bridge -> parquet, 4 partitions", Role.BRIDGE, 1000, usage(2, 1, 0, 0)));
    assertEquals(g + " against issue 20's goals (rate ratios of this run):\n"
        + "  parquet, 4 partitions: 0.50x (goal >= 0.6x: missed) the limit, 2.50x (goal >= 2.0x: met) Spark's default reader,"
        + " 2.00x (goal >= 1.6x: met) one partition\n", ExtractGoals.render(rows, g));
    assertEquals("", ExtractGoals.render(rows.subList(0, 2), g), "no bridge rows: no goals line");
  }
}
