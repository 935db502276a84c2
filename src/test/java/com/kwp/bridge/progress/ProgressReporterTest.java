package com.kwp.bridge.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressReporterTest {
  @Test
  void aLineSaysPartitionsRowsRateElapsedAndWhatIsLeft() {
    JobGroupMetrics.Snapshot s = new JobGroupMetrics.Snapshot("g", 2, 8, 12_345, 0, 0, 0, 0);
    assertEquals("Colombia/ventas: 2/8 partitions, 12,345 rows, 1,235 rows/s, 10s elapsed, ~30s left",
        ProgressReporter.line("Colombia/ventas", s, 10_000_000_000L));
    assertEquals("q: 0/? partitions, 0 rows, 0 rows/s, 1m05s elapsed",
        ProgressReporter.line("q", new JobGroupMetrics.Snapshot("g", 0, 0, 0, 0, 0, 0, 0), 65_000_000_000L));
    assertEquals("2h03m", ProgressReporter.duration(7380));
  }
}
