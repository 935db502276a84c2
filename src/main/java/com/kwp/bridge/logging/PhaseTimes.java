package com.kwp.bridge.logging;

import java.util.Locale;

/**
 * Wall time of the phases of one unit of work (a sync micro-batch, an event, an extracted query), for one log
 * line ("events 0.21 s, identities 0.05 s, ..."): where the time goes is then visible in every driver log, not
 * only in a profiler.
 */
public final class PhaseTimes {
  private final StringBuilder line = new StringBuilder();
  private long last = System.nanoTime();

  /** Ends the current phase under {@code name}. */
  public void lap(String name) {
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
