package com.kwp.bridge.client;

import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.ForEachTaskTaskRunStats;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.JobParameter;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.jobs.ListRunsRequest;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunTask;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Extraction runs through the Jobs API 2.2: run-now with the bundle's job parameters, status, recent runs, cancel. */
final class ExtractRuns {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** runs/list accepts at most 25 per page. */
  private static final long RUNS_PAGE = 25;

  private final JobsAPI jobs;

  ExtractRuns(JobsAPI jobs) {
    this.jobs = jobs;
  }

  /** The job parameters of a request: only those given, so the others keep the job's defaults. */
  static Map<String, String> parameters(ExtractRequest r) {
    Map<String, String> p = new LinkedHashMap<>();
    try {
      p.put("countries", JSON.writeValueAsString(r.countries()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the country list", e);
    }
    if (r.destination() != null) {
      p.put("destination", r.destination());
    }
    if (r.queries() != null) {
      p.put("queries", String.join(",", r.queries()));
    }
    if (r.overwrite() != null) {
      p.put("overwrite", r.overwrite().toString());
    }
    return p;
  }

  RunHandle start(JobLocator.Found job, ExtractRequest request) {
    RunNow body = new RunNow().setJobId(job.id()).setJobParameters(parameters(request));
    long runId = RemoteErrors.call(manageRun(job), () -> jobs.runNow(body).getResponse().getRunId());
    return new RunHandle(runId, job.id(), job.name());
  }

  void cancel(long runId) {
    RemoteErrors.run(new RemoteErrors.Target("job run " + runId, "CAN_MANAGE_RUN on its job",
        "check the run id (bridge remote runs lists recent ones)"), () -> jobs.cancelRun(runId));
  }

  List<RunSummary> recent(JobLocator.Found job, int limit) {
    RemoteErrors.Target target = new RemoteErrors.Target("job " + job.name(), "CAN_VIEW", "deploy the bundle or set the job id");
    return RemoteErrors.call(target, () -> {
      List<RunSummary> out = new ArrayList<>();
      for (BaseRun r : jobs.listRuns(new ListRunsRequest().setJobId(job.id()).setLimit(Math.min(RUNS_PAGE, Math.max(1, limit))))) {
        if (out.size() >= limit) {
          break;
        }
        out.add(new RunSummary(r.getRunId(), r.getJobId(), name(r.getState() == null ? null : r.getState().getLifeCycleState()),
            name(r.getState() == null ? null : r.getState().getResultState()), r.getStartTime(), r.getEndTime(), r.getRunPageUrl()));
      }
      return out;
    });
  }

  /** The run with every task; a for-each task is expanded into its iterations, failed ones with their error. */
  RunStatus status(long runId, RowsReader rows) {
    RemoteErrors.Target target = new RemoteErrors.Target("job run " + runId, "CAN_VIEW on its job",
        "check the run id (bridge remote runs lists recent ones)");
    Run run = RemoteErrors.call(target, () -> fetch(runId, false));
    List<TaskRun> tasks = new ArrayList<>();
    String stats = null;
    for (RunTask t : nonNull(run.getTasks())) {
      if (t.getForEachTask() != null) {
        stats = stats(t);
        Run parent = RemoteErrors.call(target, () -> fetch(t.getRunId(), true));
        for (RunTask it : nonNull(parent.getIterations())) {
          tasks.add(task(it, target));
        }
      } else {
        tasks.add(task(t, target));
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (JobParameter p : nonNull(run.getJobParameters())) {
      params.put(p.getName(), p.getValue() != null ? p.getValue() : p.getDefault());
    }
    RowsReader.Rows moved = rows.read(runId);
    return new RunStatus(runId, run.getJobId(), name(run.getState().getLifeCycleState()), name(run.getState().getResultState()),
        run.getState().getStateMessage(), run.getRunPageUrl(), run.getStartTime(), run.getEndTime(), params, tasks, stats,
        moved.rows(), moved.note());
  }

  /** Reads the rows a run moved (a statement on the warehouse); a note instead when it cannot. */
  interface RowsReader {
    record Rows(List<QueryRows> rows, String note) {}

    Rows read(long runId);
  }

  /** runs/get, following next_page_token so runs with more than 100 tasks or iterations come whole. */
  private Run fetch(long runId, boolean resolvedValues) {
    Run first = jobs.getRun(new GetRunRequest().setRunId(runId).setIncludeResolvedValues(resolvedValues));
    List<RunTask> tasks = new ArrayList<>(nonNull(first.getTasks()));
    List<RunTask> iterations = new ArrayList<>(nonNull(first.getIterations()));
    String token = first.getNextPageToken();
    while (token != null && !token.isEmpty()) {
      Run page = jobs.getRun(new GetRunRequest().setRunId(runId).setIncludeResolvedValues(resolvedValues).setPageToken(token));
      tasks.addAll(nonNull(page.getTasks()));
      iterations.addAll(nonNull(page.getIterations()));
      token = page.getNextPageToken();
    }
    return first.setTasks(tasks).setIterations(iterations).setNextPageToken(null);
  }

  private TaskRun task(RunTask t, RemoteErrors.Target target) {
    String life = t.getState() == null ? "UNKNOWN" : name(t.getState().getLifeCycleState());
    String result = t.getState() == null ? null : name(t.getState().getResultState());
    String message = t.getState() == null ? null : t.getState().getStateMessage();
    TaskRun run = new TaskRun(t.getTaskKey(), t.getRunId(), country(t).orElse(null), life, result, message, null);
    if (!run.failed()) {
      return run;
    }
    // runs/get-output answers for a single task run; its error is the exception the JAR task threw.
    String error = RemoteErrors.call(target, () -> jobs.getRunOutput(t.getRunId()).getError());
    return new TaskRun(run.taskKey(), run.runId(), run.input(), life, result, message, error);
  }

  /** The iteration's country: the value after {@code --country} in the resolved JAR task arguments. */
  private static Optional<String> country(RunTask t) {
    if (t.getResolvedValues() == null || t.getResolvedValues().getSparkJarTask() == null) {
      return Optional.empty();
    }
    List<String> args = new ArrayList<>(nonNull(t.getResolvedValues().getSparkJarTask().getParameters()));
    int i = args.indexOf("--country");
    return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
  }

  private static String stats(RunTask t) {
    if (t.getForEachTask().getStats() == null || t.getForEachTask().getStats().getTaskRunStats() == null) {
      return null;
    }
    ForEachTaskTaskRunStats s = t.getForEachTask().getStats().getTaskRunStats();
    return String.format("%d succeeded, %d failed, %d active of %d", nz(s.getSucceededIterations()), nz(s.getFailedIterations()),
        nz(s.getActiveIterations()), nz(s.getTotalIterations()));
  }

  private static RemoteErrors.Target manageRun(JobLocator.Found job) {
    return new RemoteErrors.Target("job " + job.name(), "CAN_MANAGE_RUN", "deploy the bundle or set BRIDGE_EXTRACT_JOB_ID");
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  private static <T> Collection<T> nonNull(Collection<T> c) {
    return c == null ? List.of() : c;
  }
}
