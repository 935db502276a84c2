package com.kwp.bridge.progress;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.util.AccumulatorV2;
import scala.collection.JavaConverters;

/**
 * Task metrics per Spark job group, from the listener bus only (no extra pass over the data): partitions
 * done and known, records read (finished tasks, plus running tasks' last heartbeat) and written, and when
 * the group's first task started. Only groups whose id starts with the given prefix are tracked.
 */
public final class JobGroupMetrics extends SparkListener {
  /**
   * Local property naming the unit of work a job belongs to; set where the job group must stay Spark's own
   * (a streaming query cancels its jobs by job group). Falls back to the job group id.
   */
  public static final String PROGRESS_PROPERTY = "bridge.progress.group";
  static final String GROUP_PROPERTY = "spark.jobGroup.id";
  private static final String RECORDS_READ = "internal.metrics.input.recordsRead";

  /** A group's numbers at one moment. */
  public record Snapshot(String group, int tasksDone, int tasksTotal, long recordsRead, long recordsWritten,
      long firstJobMillis, long firstTaskMillis, long lastTaskEndMillis) {
    /** How long the group's first job waited for a free core before its first task ran (FIFO scheduling). */
    public double queuedSeconds() {
      return firstJobMillis > 0 && firstTaskMillis > firstJobMillis ? (firstTaskMillis - firstJobMillis) / 1000.0 : 0;
    }
  }

  private static final class Group {
    int tasksDone;
    int tasksTotal;
    long recordsRead;
    long recordsWritten;
    long firstJobMillis;
    long firstTaskMillis;
    long lastTaskEndMillis;
    final Map<Long, Long> running = new ConcurrentHashMap<>();
  }

  private final String prefix;
  private final Map<String, Group> groups = new ConcurrentHashMap<>();
  private final Map<Integer, String> stageGroup = new ConcurrentHashMap<>();

  public JobGroupMetrics(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    Properties p = job.properties();
    String group = p == null ? null : p.getProperty(PROGRESS_PROPERTY, p.getProperty(GROUP_PROPERTY));
    if (group == null || !group.startsWith(prefix)) {
      return;
    }
    Group g = groups.computeIfAbsent(group, k -> new Group());
    int tasks = 0;
    for (StageInfo s : JavaConverters.seqAsJavaList(job.stageInfos())) {
      stageGroup.put(s.stageId(), group);
      tasks += s.numTasks();
    }
    synchronized (g) {
      g.tasksTotal += tasks;
      if (g.firstJobMillis == 0) {
        g.firstJobMillis = job.time();
      }
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart task) {
    Group g = group(task.stageId());
    if (g != null) {
      synchronized (g) {
        if (g.firstTaskMillis == 0) {
          g.firstTaskMillis = task.taskInfo().launchTime();
        }
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    Group g = group(task.stageId());
    if (g == null) {
      return;
    }
    g.running.remove(task.taskInfo().taskId());
    synchronized (g) {
      g.tasksDone++;
      g.lastTaskEndMillis = Math.max(g.lastTaskEndMillis, task.taskInfo().finishTime());
      if (task.taskMetrics() != null && task.taskInfo().successful()) {
        g.recordsRead += task.taskMetrics().inputMetrics().recordsRead();
        g.recordsWritten += task.taskMetrics().outputMetrics().recordsWritten();
      }
    }
  }

  /** Running tasks report their counters with each executor heartbeat; keeps the last value per task. */
  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (var t : JavaConverters.seqAsJavaList(update.accumUpdates())) {
      Group g = group((Integer) t._2());
      if (g == null) {
        continue;
      }
      for (var acc : JavaConverters.seqAsJavaList(t._4())) {
        if (acc.name().isDefined() && RECORDS_READ.equals(acc.name().get()) && acc.update().isDefined()) {
          Object v = acc.update().get();
          long n = v instanceof Number num ? num.longValue() : v instanceof AccumulatorV2<?, ?> a ? ((Number) a.value()).longValue() : 0L;
          g.running.put((Long) t._1(), n);
        }
      }
    }
  }

  /** Groups that have started jobs and still have tasks left (for reporters that track whatever runs). */
  public java.util.List<String> active() {
    java.util.List<String> out = new java.util.ArrayList<>();
    groups.forEach((name, g) -> {
      synchronized (g) {
        if (g.tasksDone < g.tasksTotal) {
          out.add(name);
        }
      }
    });
    java.util.Collections.sort(out);
    return out;
  }

  /** The numbers of {@code group}, or empty counts when it has not started a job yet. */
  public Snapshot snapshot(String group) {
    Group g = groups.get(group);
    if (g == null) {
      return new Snapshot(group, 0, 0, 0, 0, 0, 0, 0);
    }
    long live = g.running.values().stream().mapToLong(Long::longValue).sum();
    synchronized (g) {
      return new Snapshot(group, g.tasksDone, g.tasksTotal, g.recordsRead + live, g.recordsWritten, g.firstJobMillis, g.firstTaskMillis,
          g.lastTaskEndMillis);
    }
  }

  private Group group(int stageId) {
    String name = stageGroup.get(stageId);
    return name == null ? null : groups.get(name);
  }
}
