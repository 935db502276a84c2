package com.kwp.bridge.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/** Times one phase and records its CPU split and heap peaks ({@link Usage}). */
final class PhaseMeter {
  private static final long SETTLE_MS = 300;
  private final PostgresCpu db;

  PhaseMeter(PostgresCpu db) {
    this.db = db;
    // the first flight recording of a JVM takes about a second to set up; pay it here, not in a phase
    try (PhaseProfiler warmUp = new PhaseProfiler()) {
      warmUp.summary();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The outcome of a measured phase: its result (e.g. rows) and what it cost. */
  record Timed<T>(T value, Usage usage) {}

  <T> Timed<T> measure(Callable<T> phase) throws Exception {
    System.gc(); // start every phase from a collected heap so peaks compare
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double db0 = db.cpuSeconds();
    double machine0 = MachineCpu.busySeconds();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    T value;
    try (HeapWatcher heap = new HeapWatcher(); PhaseProfiler profile = new PhaseProfiler()) {
      value = phase.call();
      long wall = System.nanoTime() - t0;
      long cpu = os.getProcessCpuTime() - cpu0;
      double machineCpu = MachineCpu.busySeconds() - machine0;
      Thread.sleep(SETTLE_MS); // closed backends' CPU reaches the postmaster only once they are reaped
      double dbCpu = db.cpuSeconds() - db0;
      return new Timed<>(value, new Usage(wall / 1e9, cpu / 1e9, dbCpu, machineCpu - cpu / 1e9 - dbCpu, heap.peakUsedBytes(), heap.peakAfterGcBytes(),
          profile.summary()));
    }
  }
}
