package com.kwp.bridge.client;

import static com.kwp.bridge.client.LocalWorkspace.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kwp.bridge.client.LocalWorkspace.ApiError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Jobs API 2.2 subset: jobs/list (name filter, page tokens), run-now (job_parameters over the job's defaults),
 * runs/get (tasks; a for-each task run's iterations, paginated with next_page_token; resolved values), runs/list,
 * runs/cancel and runs/get-output (single task runs only). A run advances one step on each runs/get of the job run:
 * QUEUED, then RUNNING (first country done), then TERMINATED; countries marked failing end FAILED with an error.
 */
final class LocalJobs {
  /** Iterations per runs/get page (the service uses 100; small here so pagination is exercised). */
  static final int ITERATION_PAGE = 2;

  static final class Job {
    final long id;
    final String name;
    final Map<String, String> defaults;
    final boolean forEach;
    final Set<String> canManageRun = new HashSet<>();
    /** Countries whose iteration fails in every new run of this job. */
    final Set<String> failing = new HashSet<>();

    Job(long id, String name, Map<String, String> defaults, boolean forEach) {
      this.id = id;
      this.name = name;
      this.defaults = defaults;
      this.forEach = forEach;
    }
  }

  static final class Iteration {
    final long runId;
    final String input;
    String life = "PENDING";
    String result;
    String message = "";
    String error;

    Iteration(long runId, String input) {
      this.runId = runId;
      this.input = input;
    }
  }

  static final class RunRec {
    final long runId;
    final Job job;
    final long number;
    final Map<String, String> params;
    final long taskRunId;
    final List<Iteration> iterations = new ArrayList<>();
    final long start = System.currentTimeMillis();
    final Set<String> failing = new HashSet<>();
    String life = "QUEUED";
    String result;
    String message = "Queued";
    long end;
    int stage;
    boolean cancelRequested;

    RunRec(long runId, Job job, long number, Map<String, String> params, long taskRunId) {
      this.runId = runId;
      this.job = job;
      this.number = number;
      this.params = params;
      this.taskRunId = taskRunId;
    }
  }

  private final AtomicLong ids = new AtomicLong(1000);
  final Map<Long, Job> jobs = new TreeMap<>();
  final Map<Long, RunRec> runs = new TreeMap<>();

  synchronized Job addJob(String name, Map<String, String> defaults, boolean forEach) {
    Job j = new Job(ids.incrementAndGet(), name, new LinkedHashMap<>(defaults), forEach);
    jobs.put(j.id, j);
    return j;
  }

  /** A finished run of a job, as if its schedule had started it. */
  synchronized RunRec addFinishedRun(Job job, String result) {
    RunRec r = newRun(job, Map.of());
    r.stage = 2;
    r.life = "TERMINATED";
    r.result = result;
    r.end = System.currentTimeMillis();
    return r;
  }

  synchronized JsonNode handle(String method, String op, Map<String, String> q, JsonNode body, String identity) {
    switch (method + " " + op) {
      case "GET list":
        return list(q);
      case "POST run-now":
        return runNow(body, identity);
      case "GET runs/get":
        return getRun(longParam(q.get("run_id"), "run_id"), q.get("page_token"), "true".equals(q.get("include_resolved_values")));
      case "GET runs/list":
        return listRuns(q);
      case "POST runs/cancel":
        return cancel(body.path("run_id").asLong(), identity);
      case "GET runs/get-output":
        return output(longParam(q.get("run_id"), "run_id"));
      default:
        throw new ApiError(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " /api/2.2/jobs/" + op + "'");
    }
  }

  private JsonNode list(Map<String, String> q) {
    int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 20;
    if (limit < 1 || limit > 100) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "limit must be between 1 and 100");
    }
    String name = q.get("name");
    List<Job> matching = jobs.values().stream()
        .filter(j -> name == null || j.name.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
    int from = q.containsKey("page_token") ? Integer.parseInt(q.get("page_token")) : 0;
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("jobs");
    for (int i = from; i < Math.min(from + limit, matching.size()); i++) {
      Job j = matching.get(i);
      ObjectNode n = arr.addObject().put("job_id", j.id).put("created_time", 1700000000000L).put("creator_user_name", "deployer@example.com");
      n.putObject("settings").put("name", j.name).put("max_concurrent_runs", 1);
    }
    boolean more = from + limit < matching.size();
    out.put("has_more", more);
    if (more) {
      out.put("next_page_token", Integer.toString(from + limit));
    }
    if (arr.isEmpty()) {
      out.remove("jobs");
    }
    return out;
  }

  private JsonNode runNow(JsonNode body, String identity) {
    long jobId = body.path("job_id").asLong();
    Job job = jobs.get(jobId);
    if (job == null) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Job " + jobId + " does not exist.");
    }
    if (!job.canManageRun.isEmpty() && !job.canManageRun.contains(identity)) {
      throw new ApiError(403, "PERMISSION_DENIED", "'" + identity + "' does not have Manage Run permissions on Job " + jobId + ".");
    }
    Map<String, String> params = new LinkedHashMap<>(job.defaults);
    body.path("job_parameters").fields().forEachRemaining(e -> {
      if (!job.defaults.containsKey(e.getKey())) {
        throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Job parameter '" + e.getKey() + "' is not defined in job " + jobId + ".");
      }
      params.put(e.getKey(), e.getValue().asText());
    });
    RunRec r = newRun(job, params);
    return JSON.createObjectNode().put("run_id", r.runId).put("number_in_job", r.number);
  }

  private RunRec newRun(Job job, Map<String, String> params) {
    long number = runs.values().stream().filter(r -> r.job == job).count() + 1;
    RunRec r = new RunRec(ids.incrementAndGet(), job, number, params, ids.incrementAndGet());
    r.failing.addAll(job.failing);
    if (job.forEach) {
      try {
        for (JsonNode c : JSON.readTree(params.getOrDefault("countries", "[]"))) {
          r.iterations.add(new Iteration(ids.incrementAndGet(), c.asText()));
        }
      } catch (java.io.IOException e) {
        throw new ApiError(400, "INVALID_PARAMETER_VALUE", "for_each_task inputs is not a JSON array: " + params.get("countries"));
      }
    }
    runs.put(r.runId, r);
    return r;
  }

  /** Moves a run one step on: QUEUED -> RUNNING -> TERMINATED. */
  private void advance(RunRec r) {
    if (r.stage >= 2) {
      return;
    }
    r.stage++;
    if (r.cancelRequested) {
      r.stage = 2;
    }
    if (r.stage == 1) {
      r.life = "RUNNING";
      r.message = "";
      for (int i = 0; i < r.iterations.size(); i++) {
        Iteration it = r.iterations.get(i);
        it.life = "RUNNING";
        if (i == 0) {
          finish(r, it);
        }
      }
      return;
    }
    for (Iteration it : r.iterations) {
      if (it.result == null) {
        if (r.cancelRequested) {
          it.life = "TERMINATED";
          it.result = "CANCELED";
          it.message = "Run cancelled.";
        } else {
          finish(r, it);
        }
      }
    }
    r.life = "TERMINATED";
    r.end = System.currentTimeMillis();
    boolean anyFailed = r.iterations.stream().anyMatch(i -> "FAILED".equals(i.result));
    r.result = r.cancelRequested ? "CANCELED" : anyFailed ? "FAILED" : "SUCCESS";
    r.message = r.cancelRequested ? "Run cancelled." : anyFailed ? "Task extract_countries failed with message: Workload failed." : "";
  }

  private static void finish(RunRec r, Iteration it) {
    it.life = "TERMINATED";
    if (r.failing.contains(it.input)) {
      it.result = "FAILED";
      it.message = "Workload failed, see run output for details";
      it.error = "com.kwp.bridge.error.ExtractFailedException: " + it.input + ": query ventas failed: connection refused";
    } else {
      it.result = "SUCCESS";
    }
  }

  private JsonNode getRun(long runId, String pageToken, boolean resolved) {
    RunRec top = runs.get(runId);
    if (top != null) {
      if (pageToken == null) {
        advance(top);
      }
      return runJson(top);
    }
    for (RunRec r : runs.values()) {
      if (r.taskRunId == runId) {
        return forEachTaskRun(r, pageToken, resolved);
      }
      for (Iteration it : r.iterations) {
        if (it.runId == runId) {
          ObjectNode n = JSON.createObjectNode().put("run_id", it.runId).put("job_id", r.job.id);
          state(n, it.life, it.result, it.message);
          return n;
        }
      }
    }
    throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Run " + runId + " does not exist.");
  }

  private ObjectNode runJson(RunRec r) {
    ObjectNode n = JSON.createObjectNode().put("job_id", r.job.id).put("run_id", r.runId).put("number_in_job", r.number)
        .put("original_attempt_run_id", r.runId).put("start_time", r.start).put("run_name", r.job.name)
        .put("run_page_url", "https://workspace.example/jobs/" + r.job.id + "/runs/" + r.runId).put("run_type", "JOB_RUN")
        .put("creator_user_name", "deployer@example.com");
    if (r.end > 0) {
      n.put("end_time", r.end);
    }
    state(n, r.life, r.result, r.message);
    ArrayNode params = n.putArray("job_parameters");
    r.params.forEach((k, v) -> params.addObject().put("name", k).put("default", r.job.defaults.get(k)).put("value", v));
    ArrayNode tasks = n.putArray("tasks");
    ObjectNode t = tasks.addObject().put("run_id", r.taskRunId).put("task_key", r.job.forEach ? "extract_countries" : "sync_events")
        .put("start_time", r.start);
    state(t, r.life, r.result, r.message);
    if (r.job.forEach) {
      ObjectNode fe = t.putObject("for_each_task").put("inputs", r.params.get("countries")).put("concurrency", 2);
      fe.putObject("task").put("task_key", "extract_country");
      ObjectNode stats = fe.putObject("stats").putObject("task_run_stats");
      long done = r.iterations.stream().filter(i -> i.result != null).count();
      stats.put("total_iterations", r.iterations.size()).put("scheduled_iterations", r.iterations.size())
          .put("active_iterations", r.iterations.stream().filter(i -> i.life.equals("RUNNING")).count())
          .put("completed_iterations", done)
          .put("succeeded_iterations", r.iterations.stream().filter(i -> "SUCCESS".equals(i.result)).count())
          .put("failed_iterations", r.iterations.stream().filter(i -> "FAILED".equals(i.result)).count());
    }
    n.put("has_more", false);
    return n;
  }

  /** The for-each task run: its iterations, a page at a time. */
  private JsonNode forEachTaskRun(RunRec r, String pageToken, boolean resolved) {
    ObjectNode n = JSON.createObjectNode().put("job_id", r.job.id).put("run_id", r.taskRunId).put("job_run_id", r.runId)
        .put("start_time", r.start);
    state(n, r.life, r.result, r.message);
    int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
    ArrayNode arr = n.putArray("iterations");
    for (int i = from; i < Math.min(from + ITERATION_PAGE, r.iterations.size()); i++) {
      Iteration it = r.iterations.get(i);
      ObjectNode o = arr.addObject().put("run_id", it.runId).put("task_key", "extract_country").put("attempt_number", 0);
      state(o, it.life, it.result, it.message);
      if (resolved) {
        ArrayNode p = o.putObject("resolved_values").putObject("spark_jar_task").putArray("parameters");
        for (String a : List.of("--queries-path", "/Workspace/bundle/files/queries", "--country", it.input,
            "--destination", r.params.getOrDefault("destination", ""), "--run-id", Long.toString(r.runId))) {
          p.add(a);
        }
      }
    }
    boolean more = from + ITERATION_PAGE < r.iterations.size();
    n.put("has_more", more);
    if (more) {
      n.put("next_page_token", Integer.toString(from + ITERATION_PAGE));
    }
    return n;
  }

  private JsonNode listRuns(Map<String, String> q) {
    int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 20;
    if (limit < 1 || limit > 25) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "limit must be between 1 and 25");
    }
    Long jobId = q.containsKey("job_id") ? Long.valueOf(q.get("job_id")) : null;
    List<RunRec> all = new ArrayList<>(runs.values().stream().filter(r -> jobId == null || r.job.id == jobId).toList());
    java.util.Collections.reverse(all);
    int from = q.containsKey("page_token") ? Integer.parseInt(q.get("page_token")) : 0;
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("runs");
    for (int i = from; i < Math.min(from + limit, all.size()); i++) {
      ObjectNode n = runJson(all.get(i));
      n.remove("tasks");
      arr.add(n);
    }
    boolean more = from + limit < all.size();
    out.put("has_more", more);
    if (more) {
      out.put("next_page_token", Integer.toString(from + limit));
    }
    return out;
  }

  private JsonNode cancel(long runId, String identity) {
    RunRec r = runs.get(runId);
    if (r == null) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Run " + runId + " does not exist.");
    }
    if (!r.job.canManageRun.isEmpty() && !r.job.canManageRun.contains(identity)) {
      throw new ApiError(403, "PERMISSION_DENIED", "'" + identity + "' does not have Manage Run permissions on Job " + r.job.id + ".");
    }
    if (r.stage < 2) {
      r.cancelRequested = true;
      r.life = "TERMINATING";
    }
    return JSON.createObjectNode();
  }

  private JsonNode output(long runId) {
    if (runs.containsKey(runId)) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Retrieving the output of runs with multiple tasks is not supported."
          + " Please retrieve the output of each individual task run instead.");
    }
    for (RunRec r : runs.values()) {
      for (Iteration it : r.iterations) {
        if (it.runId == runId) {
          ObjectNode n = JSON.createObjectNode();
          ObjectNode meta = n.putObject("metadata").put("run_id", it.runId).put("job_id", r.job.id);
          state(meta, it.life, it.result, it.message);
          if (it.error != null) {
            n.put("error", it.error).put("error_trace", it.error + "\n\tat com.kwp.bridge.cli.ExtractJob.main(ExtractJob.java)");
          }
          return n;
        }
      }
    }
    throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Run " + runId + " does not exist.");
  }

  /** Both the classic {@code state} and the 2.2 {@code status} objects. */
  private static void state(ObjectNode n, String life, String result, String message) {
    ObjectNode s = n.putObject("state").put("life_cycle_state", life).put("state_message", message == null ? "" : message)
        .put("user_cancelled_or_timedout", "CANCELED".equals(result));
    if (result != null) {
      s.put("result_state", result);
    }
    ObjectNode st = n.putObject("status").put("state", life.equals("PENDING") ? "PENDING" : life.equals("TERMINATING") ? "TERMINATING" : life);
    if (result != null) {
      st.putObject("termination_details")
          .put("code", result.equals("SUCCESS") ? "SUCCESS" : result.equals("CANCELED") ? "USER_CANCELED" : "RUN_EXECUTION_ERROR")
          .put("type", result.equals("SUCCESS") ? "SUCCESS" : "CLIENT_ERROR").put("message", message == null ? "" : message);
    }
  }

  private static long longParam(String v, String name) {
    if (v == null) {
      throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Missing required field: " + name);
    }
    return Long.parseLong(v);
  }
}
