package com.kwp.bridge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one phase cost: wall seconds, CPU seconds of this JVM (driver + local executors + GC) and of the
 * PostgreSQL server, the heap peaks seen by {@link HeapWatcher}, and where the JVM's CPU samples went
 * ({@link PhaseProfiler}).
 */
record Usage(double wallSeconds, double jvmCpuSeconds, double dbCpuSeconds, long heapPeakBytes, long heapAfterGcPeakBytes, String jvmProfile) {

  /** Average cores this JVM kept busy. */
  @JsonProperty("jvmCores")
  double jvmCores() {
    return jvmCpuSeconds / wallSeconds;
  }

  /** Average cores the database kept busy (NaN when not measurable). */
  @JsonProperty("dbCores")
  double dbCores() {
    return dbCpuSeconds / wallSeconds;
  }

  /**
   * A one-word reading of what bounded the phase on a machine with {@code cores} cores: both sides together
   * saturating the CPU, or the side that kept about one core busy (a single-threaded reader or backend),
   * else waiting (I/O, latency, commits).
   */
  String bound(int cores) {
    double jvm = jvmCores();
    double db = dbCores();
    if (Double.isNaN(db)) {
      return jvm > 0.85 * cores ? "cpu" : "unknown";
    }
    if (jvm + db > 0.85 * cores) {
      return "cpu(" + (jvm >= db ? "jvm" : "db") + ")";
    }
    if (db >= 0.8 && db >= jvm) {
      return "db";
    }
    if (jvm >= 0.8) {
      return "jvm";
    }
    return "wait";
  }
}
