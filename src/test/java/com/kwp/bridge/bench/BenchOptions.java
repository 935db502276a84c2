package com.kwp.bridge.bench;

import com.kwp.bridge.cli.CommandLine;
import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.cli.UsageException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark's command line, parsed once. {@code tds}: the TDS endpoint to add rows for, from the
 * {@code BRIDGE_TEST_SQLSERVER_*} variables when the command line is parsed (never from a test's own options).
 */
record BenchOptions(double scale, Path out, List<Integer> partitions, int latencyEvents, Set<String> parts, Optional<TdsEndpoint> tds) {
  static final Set<String> PARTS = Set.of("extract", "changes", "sync");
  static final String PROGRAM = "BenchMain";
  static final String DESCRIPTION = "throughput of the bridge against Spark's JDBC paths and PostgreSQL's COPY, side by side";
  static final double DEFAULT_SCALE = 0.05;

  static final List<Opt> OPTIONS = List.of(
      Opt.optional("scale", "sf", "TPC-H scale factor (default " + DEFAULT_SCALE + "; lineitem has ~6M rows per 1.0)"),
      Opt.optional("out", "dir", "where results.json, results.txt and results.png go (default bench/results)"),
      Opt.optional("partitions", "1,2,4", "partition counts for the bridge's extract (default 1,2,4)"),
      Opt.optional("latency-events", "n", "small events timed under the 10 s trigger (default 3; 0 skips)"),
      Opt.optional("only", "extract,changes,sync", "run only these parts, comma-separated (default all three)"));

  BenchOptions {
    if (!(scale > 0 && scale <= 100)) {
      throw new UsageException("--scale must be a TPC-H scale factor in (0, 100], got " + scale);
    }
    partitions = List.copyOf(partitions);
    parts = Set.copyOf(parts);
    if (parts.isEmpty() || !PARTS.containsAll(parts)) {
      throw new UsageException("--only takes extract, changes and/or sync, got " + parts);
    }
    if (latencyEvents < 0 || partitions.isEmpty() || partitions.stream().anyMatch(n -> n < 1)) {
      throw new UsageException("--partitions needs counts >= 1 and --latency-events must be >= 0");
    }
  }

  static Optional<BenchOptions> parse(String[] args) {
    Parsed p = CommandLine.parse(PROGRAM, DESCRIPTION, OPTIONS, args);
    if (p.helpRequested()) {
      System.out.println(CommandLine.usage(PROGRAM, DESCRIPTION, OPTIONS));
      return Optional.empty();
    }
    try {
      return Optional.of(new BenchOptions(
          p.get("scale").map(Double::parseDouble).orElse(DEFAULT_SCALE),
          Path.of(p.get("out").orElse("bench/results")),
          Arrays.stream(p.get("partitions").orElse("1,2,4").split(",")).map(s -> Integer.parseInt(s.trim())).toList(),
          p.get("latency-events").map(Integer::parseInt).orElse(3),
          p.get("only").map(o -> Arrays.stream(o.split(",")).map(String::trim).collect(java.util.stream.Collectors.toSet())).orElse(PARTS),
          TdsEndpoint.fromEnv()));
    } catch (NumberFormatException e) {
      throw new UsageException("a number was expected: " + e.getMessage());
    }
  }
}
