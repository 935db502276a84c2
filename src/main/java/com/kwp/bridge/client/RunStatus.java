package com.kwp.bridge.client;

import java.util.List;
import java.util.Map;

/**
 * Where a job run stands: life-cycle and result state, each task (or for-each iteration) with its state and,
 * if it failed, its error, and the rows moved as the extract-runs table records them.
 *
 * @param iterationStats "succeeded/failed/active of total" of the for-each task, null when the job has none
 * @param queries rows of the extract-runs table for this run; empty when nothing was recorded yet or no warehouse is set
 * @param rowsNote why {@code queries} could not be read, null when it was
 */
public record RunStatus(long runId, long jobId, String lifeCycleState, String resultState, String stateMessage,
    String runPageUrl, Long startTime, Long endTime, Map<String, String> parameters, List<TaskRun> tasks,
    String iterationStats, List<QueryRows> queries, String rowsNote) {
  public RunStatus {
    parameters = Map.copyOf(parameters);
    tasks = List.copyOf(tasks);
    queries = List.copyOf(queries);
  }

  /** TERMINATED, SKIPPED or INTERNAL_ERROR: the run will not change any more. */
  public boolean isFinal() {
    return lifeCycleState.equals("TERMINATED") || lifeCycleState.equals("SKIPPED") || lifeCycleState.equals("INTERNAL_ERROR");
  }

  public boolean succeeded() {
    return "SUCCESS".equals(resultState);
  }

  public long rowsMoved() {
    return queries.stream().mapToLong(QueryRows::rowsWritten).sum();
  }

  /** The errors of the failed tasks, one per line. */
  public List<String> errors() {
    return tasks.stream().filter(TaskRun::failed)
        .map(t -> t.taskKey() + (t.input() == null ? "" : " [" + t.input() + "]") + ": "
            + (t.error() != null ? t.error() : t.stateMessage() == null ? t.resultState() : t.stateMessage()))
        .toList();
  }

  /** One line: state, iterations and rows, for progress output. */
  public String progressLine() {
    StringBuilder sb = new StringBuilder("run ").append(runId).append(": ").append(lifeCycleState);
    if (resultState != null) {
      sb.append(' ').append(resultState);
    }
    if (iterationStats != null) {
      sb.append(", countries ").append(iterationStats);
    }
    if (!queries.isEmpty()) {
      sb.append(", ").append(queries.size()).append(" queries, ").append(rowsMoved()).append(" rows");
    }
    return sb.toString();
  }
}
