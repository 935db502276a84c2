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
 * Task metrics per unit of work (a query, an event), from the listener bus only (no extra pass over the
 * data). A unit runs several Spark jobs (probes, the read-and-write, a footer count); progress is that of
 * its largest job, the one moving the rows: partitions done/total, records read (finished tasks plus
 * running tasks' last heartbeat) or written, whichever is larger.
 */
public final class JobGroupMetrics extends SparkListener {
  /**
   * Local property naming the unit of work a job belongs to; set where the job group must stay Spark's own
   * (a streaming query cancels its jobs by job group). Falls back to the job group id.
   */
  public static final String PROGRESS_PROPERTY = "bridge.progress.group";
  static final String GROUP_PROPERTY = "spark.jobGroup.id";
  private static final String RECORDS_READ = "internal.metrics.input.recordsRead";

  /** A unit's numbers at one moment (those of its largest job). */
  public record Snapshot(String group, int tasksDone, int tasksTotal, long recordsRead, long recordsWritten,
      long firstJobMillis, long firstTaskMillis, long lastTaskEndMillis) {
    /** How long the unit's first job waited for a free core before its first task ran (FIFO scheduling). */
    public double queuedSeconds() {
      return firstJobMillis > 0 && firstTaskMillis > firstJobMillis ? (firstTaskMillis - firstJobMillis) / 1000.0 : 0;
    }
  }

  private static final class Job {
    int tasksDone;
    int tasksTotal;
    long recordsRead;
    long recordsWritten;
    final Map<Long, Long> running = new ConcurrentHashMap<>();
  }

  private static final class Group {
    long firstJobMillis;
    long firstTaskMillis;
    long lastTaskEndMillis;
    final Map<Integer, Job> jobs = new ConcurrentHashMap<>();
  }

  private record Owner(Group group, Job job) {}

  private final String prefix;
  private final Map<String, Group> groups = new ConcurrentHashMap<>();
  private final Map<Integer, Owner> stageOwner = new ConcurrentHashMap<>();

  public JobGroupMetrics(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    Properties p = start.properties();
    String name = p == null ? null : p.getProperty(PROGRESS_PROPERTY, p.getProperty(GROUP_PROPERTY));
    if (name == null || !name.startsWith(prefix)) {
      return;
    }
    Group g = groups.computeIfAbsent(name, k -> new Group());
    Job job = new Job();
    for (StageInfo s : JavaConverters.seqAsJavaList(start.stageInfos())) {
      stageOwner.put(s.stageId(), new Owner(g, job));
      job.tasksTotal += s.numTasks();
    }
    g.jobs.put(start.jobId(), job);
    synchronized (g) {
      if (g.firstJobMillis == 0) {
        g.firstJobMillis = start.time();
      }
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart task) {
    Owner o = stageOwner.get(task.stageId());
    if (o != null) {
      synchronized (o.group()) {
        if (o.group().firstTaskMillis == 0) {
          o.group().firstTaskMillis = task.taskInfo().launchTime();
        }
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    Owner o = stageOwner.get(task.stageId());
    if (o == null) {
      return;
    }
    Job j = o.job();
    j.running.remove(task.taskInfo().taskId());
    synchronized (j) {
      j.tasksDone++;
      if (task.taskMetrics() != null && task.taskInfo().successful()) {
        j.recordsRead += task.taskMetrics().inputMetrics().recordsRead();
        j.recordsWritten += task.taskMetrics().outputMetrics().recordsWritten();
      }
    }
    synchronized (o.group()) {
      o.group().lastTaskEndMillis = Math.max(o.group().lastTaskEndMillis, task.taskInfo().finishTime());
    }
  }

  /** Running tasks report their counters with each executor heartbeat; keeps the last value per task. */
  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (var t : JavaConverters.seqAsJavaList(update.accumUpdates())) {
      Owner o = stageOwner.get((Integer) t._2());
      if (o == null) {
        continue;
      }
      for (var acc : JavaConverters.seqAsJavaList(t._4())) {
        if (acc.name().isDefined() && RECORDS_READ.equals(acc.name().get()) && acc.update().isDefined()) {
          Object v = acc.update().get();
          long n = v instanceof Number num ? num.longValue() : v instanceof AccumulatorV2<?, ?> a ? ((Number) a.value()).longValue() : 0L;
          o.job().running.put((Long) t._1(), n);
        }
      }
    }
  }

  /** Units that have started jobs and still have tasks left (for reporters that track whatever runs). */
  public java.util.List<String> active() {
    java.util.List<String> out = new java.util.ArrayList<>();
    groups.forEach((name, g) -> {
      if (g.jobs.values().stream().anyMatch(j -> {
        synchronized (j) {
          return j.tasksDone < j.tasksTotal;
        }
      })) {
        out.add(name);
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
    Job largest = null;
    for (Map.Entry<Integer, Job> e : new java.util.TreeMap<>(g.jobs).entrySet()) {
      if (largest == null || e.getValue().tasksTotal >= largest.tasksTotal) {
        largest = e.getValue();
      }
    }
    long firstJob;
    long firstTask;
    long lastEnd;
    synchronized (g) {
      firstJob = g.firstJobMillis;
      firstTask = g.firstTaskMillis;
      lastEnd = g.lastTaskEndMillis;
    }
    if (largest == null) {
      return new Snapshot(group, 0, 0, 0, 0, firstJob, firstTask, lastEnd);
    }
    long live = largest.running.values().stream().mapToLong(Long::longValue).sum();
    synchronized (largest) {
      return new Snapshot(group, largest.tasksDone, largest.tasksTotal, largest.recordsRead + live, largest.recordsWritten,
          firstJob, firstTask, lastEnd);
    }
  }
}
