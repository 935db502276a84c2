package com.kwp.bridge.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * Polls a run until it is final: the delay grows from {@code initial} by half each poll up to {@code max}, a line is
 * printed whenever the progress line changes. {@link #interrupted} (Ctrl-C) asks before cancelling the run.
 */
public final class RunWaiter {
  private final LongFunction<RunStatus> status;
  private final java.util.function.LongConsumer cancel;
  private final PrintStream out;
  private final Sleeper sleeper;
  private final Duration initial;
  private final Duration max;
  private final AtomicBoolean stop = new AtomicBoolean();

  public RunWaiter(LongFunction<RunStatus> status, java.util.function.LongConsumer cancel, PrintStream out, Sleeper sleeper,
      Duration initial, Duration max) {
    this.status = status;
    this.cancel = cancel;
    this.out = out;
    this.sleeper = sleeper;
    this.initial = initial;
    this.max = max;
  }

  public static RunWaiter of(BridgeClient client, PrintStream out) {
    return new RunWaiter(client::getJobStatus, client::cancel, out, Sleeper.REAL, Duration.ofSeconds(5), Duration.ofSeconds(60));
  }

  /** The final status; null when waiting was stopped by {@link #interrupted} before the run ended. */
  public RunStatus await(long runId) {
    Duration delay = initial;
    String last = null;
    while (!stop.get()) {
      RunStatus s = status.apply(runId);
      String line = s.progressLine();
      if (!line.equals(last)) {
        out.println(line);
        last = line;
      }
      if (s.isFinal()) {
        return s;
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      Duration next = Duration.ofMillis(delay.toMillis() * 3 / 2);
      delay = next.compareTo(max) > 0 ? max : next;
    }
    return null;
  }

  /**
   * Called on Ctrl-C: stops waiting and asks whether to cancel the run too. Returns whether it was cancelled; a "no"
   * leaves the run going on Databricks.
   */
  public boolean interrupted(long runId, CancelPrompt prompt) {
    stop.set(true);
    if (prompt.confirmCancel(runId)) {
      cancel.accept(runId);
      out.println("cancel requested for run " + runId);
      return true;
    }
    out.println("run " + runId + " continues; follow it with: bridge remote status " + runId);
    return false;
  }
}
