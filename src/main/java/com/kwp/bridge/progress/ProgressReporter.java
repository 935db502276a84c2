package com.kwp.bridge.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.spark.SparkContext;

/**
 * Live progress of long work (a query of an extract, an event of a sync): every interval, per tracked job
 * group, partitions done/total, rows so far, rows/s, elapsed and an estimate of what is left. On a terminal
 * one line rewritten in place; otherwise (a Databricks driver log, a pipe) plain log lines.
 */
public final class ProgressReporter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ProgressReporter.class.getName());
  private static final int WIDTH = 120;

  private final SparkContext context;
  private final JobGroupMetrics metrics;
  private final PrintStream terminal;
  private final ScheduledExecutorService timer;
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  private final String prefix;
  private final boolean autoTrack;
  private volatile boolean lineShown;

  private record Tracked(String label, long startNanos) {}

  private ProgressReporter(SparkContext context, String prefix, Duration interval, PrintStream terminal, boolean autoTrack) {
    this.context = context;
    this.prefix = prefix;
    this.autoTrack = autoTrack;
    this.metrics = new JobGroupMetrics(prefix);
    this.terminal = terminal;
    context.addSparkListener(metrics);
    if (interval.isZero() || interval.isNegative()) {
      timer = null;
    } else {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bridge-progress");
        t.setDaemon(true);
        return t;
      });
      long ms = interval.toMillis();
      timer.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Listens to job groups starting with {@code prefix}; reports every {@code interval} (zero: never, the
   * metrics are still kept). {@code terminal} is where the in-place line goes, null for log lines.
   */
  public static ProgressReporter start(SparkContext context, String prefix, Duration interval, PrintStream terminal) {
    return new ProgressReporter(context, prefix, interval, terminal, false);
  }

  /** As {@link #start}, reporting every group with work left, labelled by its name after {@code prefix} (sync events). */
  public static ProgressReporter startAuto(SparkContext context, String prefix, Duration interval, PrintStream terminal) {
    return new ProgressReporter(context, prefix, interval, terminal, true);
  }

  /** stdout when it is a terminal, else null (log lines). */
  public static PrintStream terminalOrNull() {
    return System.console() != null ? System.out : null;
  }

  public void track(String group, String label) {
    tracked.put(group, new Tracked(label, System.nanoTime()));
  }

  public void untrack(String group) {
    tracked.remove(group);
  }

  public JobGroupMetrics metrics() {
    return metrics;
  }

  /** One report now (the timer calls this). */
  void report() {
    try {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, Tracked> e : tracked.entrySet()) {
        parts.add(line(e.getValue().label(), metrics.snapshot(e.getKey()), System.nanoTime() - e.getValue().startNanos()));
      }
      if (autoTrack) {
        long now = System.currentTimeMillis();
        for (String group : metrics.active()) {
          JobGroupMetrics.Snapshot snap = metrics.snapshot(group);
          if (!tracked.containsKey(group)) {
            parts.add(line(group.substring(Math.min(prefix.length(), group.length())), snap, (now - snap.firstJobMillis()) * 1_000_000L));
          }
        }
      }
      if (parts.isEmpty()) {
        return;
      }
      if (terminal != null) {
        String all = String.join(" | ", parts);
        all = all.length() > WIDTH - 1 ? all.substring(0, WIDTH - 4) + "..." : all;
        terminal.print("\r" + all + " ".repeat(Math.max(0, WIDTH - 1 - all.length())));
        terminal.flush();
        lineShown = true;
      } else {
        parts.forEach(p -> LOG.info(() -> "progress " + p));
      }
    } catch (RuntimeException e) {
      LOG.fine(() -> "progress report skipped: " + e);
    }
  }

  /** {@code ventas: 3/8 partitions, 1,234 rows, 410 rows/s, 3s elapsed, ~5s left}. */
  static String line(String label, JobGroupMetrics.Snapshot s, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    long rows = Math.max(s.recordsRead(), s.recordsWritten());
    StringBuilder sb = new StringBuilder(label).append(": ");
    sb.append(s.tasksDone()).append('/').append(s.tasksTotal() == 0 ? "?" : String.valueOf(s.tasksTotal())).append(" partitions, ");
    sb.append(String.format(Locale.ROOT, "%,d rows, %,.0f rows/s, %s elapsed", rows, seconds > 0 ? rows / seconds : 0, duration(seconds)));
    if (s.tasksDone() > 0 && s.tasksTotal() > s.tasksDone()) {
      double left = seconds * (s.tasksTotal() - s.tasksDone()) / s.tasksDone();
      sb.append(", ~").append(duration(left)).append(" left");
    }
    return sb.toString();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s"
        : (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }

  /** Stops reporting, removes the listener and clears the in-place line. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    context.removeSparkListener(metrics);
    if (terminal != null && lineShown) {
      terminal.print("\r" + " ".repeat(WIDTH - 1) + "\r");
      terminal.flush();
    }
  }
}
