package com.kwp.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Busy CPU seconds of the whole machine so far (Linux /proc/stat, all cores), so a phase can tell how much
 * CPU went to processes other than this JVM and the database (other work on a shared machine). NaN when
 * /proc is not there.
 */
final class MachineCpu {
  private MachineCpu() {}

  static double busySeconds() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy / 100.0; // USER_HZ
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
