package com.kwp.bridge.sync;

import java.util.Locale;

/**
 * Wall time of the phases of one micro-batch, for one log line per batch ("events 0.21 s, identities 0.05 s,
 * ..."): where a run's fixed cost goes is then visible in every driver log, not only in a profiler.
 */
final class PhaseTimes {
  private final StringBuilder line = new StringBuilder();
  private long last = System.nanoTime();

  /** Ends the current phase under {@code name}. */
  void lap(String name) {
    long now = System.nanoTime();
    line.append(line.length() == 0 ? "" : ", ").append(name).append(' ')
        .append(String.format(Locale.ROOT, "%.2f", (now - last) / 1e9)).append(" s");
    last = now;
  }

  @Override
  public String toString() {
    return line.toString();
  }
}
