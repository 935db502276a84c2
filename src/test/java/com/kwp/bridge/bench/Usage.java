package com.kwp.bridge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one phase cost: wall seconds, CPU seconds of this JVM (driver + local executors + GC) and of the
 * PostgreSQL server, the heap peaks seen by {@link HeapWatcher}, and where the JVM's CPU samples went
 * ({@link PhaseProfiler}).
 */
record Usage(double wallSeconds, double jvmCpuSeconds, double dbCpuSeconds, double otherCpuSeconds, long heapPeakBytes, long heapAfterGcPeakBytes, String jvmProfile) {

  /** Average cores this JVM kept busy. */
  @JsonProperty("jvmCores")
  double jvmCores() {
    return jvmCpuSeconds / wallSeconds;
  }

  /** Average cores busy with anything else on the machine (other processes; NaN when not measurable). */
  @JsonProperty("otherCores")
  double otherCores() {
    return Math.max(0, otherCpuSeconds / wallSeconds);
  }

  /** Average cores the database kept busy (NaN when not measurable). */
  @JsonProperty("dbCores")
  double dbCores() {
    return dbCpuSeconds / wallSeconds;
  }

  /**
   * A one-word reading of what bounded the phase on a machine with {@code cores} cores: the machine's CPU
   * saturated ({@code cpu(x)}, x the biggest consumer: jvm, db or other processes), or the side that kept
   * about one core busy (a single reader thread or backend), else waiting (I/O, latency, commits).
   */
  String bound(int cores) {
    double jvm = jvmCores();
    double db = dbCores();
    double other = otherCores();
    if (Double.isNaN(db) || Double.isNaN(other)) {
      return jvm > 0.85 * cores ? "cpu(jvm)" : "unknown";
    }
    if (jvm + db + other > 0.85 * cores) {
      return "cpu(" + (jvm >= db && jvm >= other ? "jvm" : db >= other ? "db" : "other") + ")";
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
