package com.kwp.bridge.bench;

import java.util.List;
import java.util.Map;

/** Everything one run measured, as printed, written to JSON and charted; {@code tdsServer} is the TDS endpoint's @@VERSION, "" without one. */
record BenchResults(
    String date,
    double scale,
    Machine machine,
    long lineitemRows,
    long orderRows,
    double loadSeconds,
    List<Measurement> measurements,
    Map<String, SyncBench.Fingerprint> syncTargets,
    List<Double> latencySeconds,
    String latencyNote,
    String profileNote,
    String tdsServer) {}
