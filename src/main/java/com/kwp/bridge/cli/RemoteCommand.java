package com.kwp.bridge.cli;

import com.databricks.sdk.core.DatabricksConfig;
import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.client.BridgeClient;
import com.kwp.bridge.client.CancelPrompt;
import com.kwp.bridge.client.ClientSettings;
import com.kwp.bridge.client.ExtractRequest;
import com.kwp.bridge.client.HealthReport;
import com.kwp.bridge.client.RemoteNotFoundException;
import com.kwp.bridge.client.RunHandle;
import com.kwp.bridge.client.RunStatus;
import com.kwp.bridge.client.RunSummary;
import com.kwp.bridge.client.RunWaiter;
import com.kwp.bridge.client.SyncEventRequest;
import com.kwp.bridge.client.SyncEventStatus;
import com.kwp.bridge.client.TaskRun;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code bridge remote <extract|status|runs|cancel|submit-event|events|health>}: the deployed bridge driven from
 * outside Databricks through {@link BridgeClient}. Credentials come from the SDK's unified auth (DATABRICKS_HOST
 * with a token, OAuth client id/secret, or a profile), never from options.
 */
public final class RemoteCommand implements Command {
  /** Opens a client for the settings and an optional ~/.databrickscfg profile. */
  @FunctionalInterface
  public interface ClientFactory {
    BridgeClient open(ClientSettings settings, String profile);
  }

  static final List<Opt> COMMON = List.of(
      Opt.optional("profile", "name", "~/.databrickscfg profile (else DATABRICKS_HOST and the SDK's unified auth)"),
      Opt.optional("bundle-target", "dev|prod", "bundle target the jobs were deployed with (dev names carry '[dev <you>] '; env BRIDGE_TARGET)"),
      Opt.optional("extract-job-id", "id", "extract job id instead of finding it by name (env BRIDGE_EXTRACT_JOB_ID)"),
      Opt.optional("sync-job-id", "id", "sync job id instead of finding it by name (env BRIDGE_SYNC_JOB_ID)"),
      Opt.optional("warehouse-id", "id", "SQL warehouse for events and rows moved (env BRIDGE_WAREHOUSE_ID)"),
      Opt.optional("catalog", "name", "catalog of the bridge tables (env BRIDGE_CATALOG, default bridge)"),
      Opt.optional("schema", "name", "schema of the bridge tables (env BRIDGE_SCHEMA, default events)"));

  private static final Map<String, List<Opt>> SUBCOMMANDS = Map.of(
      "extract", List.of(
          Opt.repeated("country", "name", "country to extract (repeat; a conf/<Country>.conf of the deployment)"),
          Opt.optional("destination", "path|catalog.schema", "where to write (default: the job's)"),
          Opt.repeated("query", "name", "only this query (repeat; default: all)"),
          Opt.flag("overwrite", "replace existing outputs (default: skip them)"),
          Opt.flag("wait", "wait for the run to end, printing progress (Ctrl-C asks before cancelling)")),
      "status", List.of(),
      "runs", List.of(Opt.optional("limit", "n", "at most n runs (default 20)")),
      "cancel", List.of(),
      "submit-event", List.of(
          Opt.required("operation", "op", "INSERT, UPDATE, UPSERT, DELETE or REPLACE"),
          Opt.required("source", "table", "source table, catalog.schema.table"),
          Opt.required("target", "table", "SQL Server target, [database.]schema.table"),
          Opt.repeated("key", "column", "primary key column (repeat; required for UPDATE, UPSERT, DELETE)"),
          Opt.optional("filter", "predicate", "Spark SQL predicate on the source's columns"),
          Opt.flag("dry-run", "preview: every check and statement, then a rollback (status previewed)")),
      "events", List.of(
          Opt.optional("id", "event id", "show this event only"),
          Opt.optional("status", "s", "pending, completed, failed, rejected or previewed"),
          Opt.optional("limit", "n", "at most n events (default 20)")),
      "health", List.of(Opt.optional("backlog-minutes", "n", "events pending longer than this count as backlog (default 15)")));

  private static final List<String> ORDER = List.of("extract", "status", "runs", "cancel", "submit-event", "events", "health");

  private final ClientFactory factory;
  private final Map<String, String> env;
  private final PrintStream out;
  private final CancelPrompt prompt;
  private final Function<BridgeClient, RunWaiter> waiters;
  private final boolean trapCtrlC;

  public RemoteCommand() {
    this(RemoteCommand::openFromEnvironment, System.getenv(), System.out, CancelPrompt.console(), c -> RunWaiter.of(c, System.out), true);
  }

  /** For tests and embedding: where clients come from, the environment, the output, the prompt and the waiter. */
  public RemoteCommand(ClientFactory factory, Map<String, String> env, PrintStream out, CancelPrompt prompt,
      Function<BridgeClient, RunWaiter> waiters, boolean trapCtrlC) {
    this.factory = factory;
    this.env = env;
    this.out = out;
    this.prompt = prompt;
    this.waiters = waiters;
    this.trapCtrlC = trapCtrlC;
  }

  @Override
  public String name() {
    return "remote";
  }

  @Override
  public String summary() {
    return "drive the deployed bridge from outside Databricks: " + String.join(", ", ORDER);
  }

  @Override
  public void run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.println("usage: bridge remote <" + String.join("|", ORDER) + "> [options]   (bridge remote <sub> --help)");
      return;
    }
    String sub = args[0];
    List<Opt> specific = SUBCOMMANDS.get(sub);
    if (specific == null) {
      throw new UsageException("Unknown remote command '" + sub + "'; use one of " + ORDER);
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    String positional = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.remove(0) : null;
    List<Opt> options = new ArrayList<>(COMMON);
    options.addAll(specific);
    Parsed p = CommandLine.parse("bridge remote " + sub, summaryOf(sub), options, rest.toArray(String[]::new));
    if (p.helpRequested()) {
      out.println(CommandLine.usage("bridge remote " + sub, summaryOf(sub), options));
      return;
    }
    BridgeClient client = factory.open(settings(p), p.get("profile").orElse(null));
    switch (sub) {
      case "extract" -> extract(client, p);
      case "status" -> printStatus(client.getJobStatus(runId(positional, sub)));
      case "runs" -> client.listJobs(intOption(p, "limit", 20)).forEach(r -> out.println(format(r)));
      case "cancel" -> {
        long id = runId(positional, sub);
        client.cancel(id);
        out.println("cancel requested for run " + id);
      }
      case "submit-event" -> out.println(client.submitSyncEvent(new SyncEventRequest(p.require("operation"), p.require("source"),
          p.require("target"), p.all("key").isEmpty() ? null : p.all("key"), p.get("filter").orElse(null),
          p.has("dry-run") ? java.util.Map.of(com.kwp.bridge.sync.EventOptions.DRY_RUN, "true") : null)));
      case "events" -> events(client, p);
      default -> health(client, intOption(p, "backlog-minutes", 15));
    }
  }

  private void extract(BridgeClient client, Parsed p) {
    List<String> countries = p.all("country");
    if (countries.isEmpty()) {
      throw new UsageException("Missing --country (repeat it for several countries)");
    }
    ExtractRequest request = new ExtractRequest(countries, p.get("destination").orElse(null),
        p.all("query").isEmpty() ? null : p.all("query"), p.has("overwrite") ? Boolean.TRUE : null);
    RunHandle run = client.extract(request);
    out.println("started run " + run.runId() + " of job " + run.jobName());
    if (!p.has("wait")) {
      return;
    }
    RunWaiter waiter = waiters.apply(client);
    Thread hook = new Thread(() -> waiter.interrupted(run.runId(), prompt), "bridge-remote-ctrl-c");
    if (trapCtrlC) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    RunStatus end;
    try {
      end = waiter.await(run.runId());
    } finally {
      if (trapCtrlC) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C arrived: the hook is running and asks the question.
        }
      }
    }
    if (end == null) {
      return;
    }
    printStatus(end);
    if (!end.succeeded()) {
      throw new BridgeException(ErrorClass.INTERNAL, "run " + end.runId() + " ended " + end.lifeCycleState() + " "
          + end.resultState() + (end.errors().isEmpty() ? "" : ": " + String.join("; ", end.errors())));
    }
  }

  private void events(BridgeClient client, Parsed p) {
    if (p.get("id").isPresent()) {
      String id = p.get("id").get();
      SyncEventStatus s = client.getSyncEvent(id).orElseThrow(() -> new RemoteNotFoundException(null, 0,
          "no event with id " + id + " in " + client.settings().eventsTable() + " (check the id and BRIDGE_CATALOG/BRIDGE_SCHEMA)", null));
      out.println(full(s));
      return;
    }
    client.listSyncEvents(p.get("status").orElse(null), intOption(p, "limit", 20)).forEach(s -> out.println(format(s)));
  }

  private void health(BridgeClient client, int backlogMinutes) {
    HealthReport report = client.health(backlogMinutes);
    for (HealthReport.Check c : report.checks()) {
      out.printf("%-4s %-14s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
    }
    if (!report.healthy()) {
      throw new BridgeException(ErrorClass.CONFIG, "health: " + report.checks().stream().filter(c -> !c.ok()).count() + " check(s) failed");
    }
  }

  private void printStatus(RunStatus s) {
    out.println(s.progressLine());
    if (s.runPageUrl() != null) {
      out.println("  page: " + s.runPageUrl());
    }
    s.parameters().forEach((k, v) -> out.println("  parameter " + k + " = " + v));
    for (TaskRun t : s.tasks()) {
      out.printf("  %-16s %-12s %-10s %-10s%s%n", t.taskKey(), t.input() == null ? "" : t.input(), t.lifeCycleState(),
          t.resultState() == null ? "" : t.resultState(), t.error() == null ? "" : " " + t.error());
    }
    s.queries().forEach(q -> out.printf("  rows %-12s %-20s %-8s %d%s%n", q.country(), q.query(), q.status(), q.rowsWritten(),
        q.error() == null ? "" : " " + q.error()));
    if (s.rowsNote() != null) {
      out.println("  " + s.rowsNote());
    }
  }

  static String format(RunSummary r) {
    return String.format("%-14d %-12s %-10s %s", r.runId(), r.lifeCycleState(), r.resultState() == null ? "" : r.resultState(),
        r.startTime() == null ? "" : Instant.ofEpochMilli(r.startTime()).toString());
  }

  static String format(SyncEventStatus s) {
    return String.format("%-36s %-9s %-6s %-30s rows=%s %s", s.eventId(), s.status(), s.operation(), s.targetTable(),
        s.rowsAffected(), s.errorClass() == null ? "" : s.errorClass());
  }

  static String full(SyncEventStatus s) {
    return String.join("\n", "event_id      " + s.eventId(), "status        " + s.status(), "operation     " + s.operation(),
        "target_table  " + s.targetTable(), "requested_by  " + s.requestedBy(), "attempts      " + s.attempts(),
        "rows_expected " + s.rowsExpected(), "rows_affected " + s.rowsAffected(), "discrepancy   " + s.discrepancy(),
        "rows_inserted " + s.rowsInserted(), "rows_updated  " + s.rowsUpdated(), "rows_deleted  " + s.rowsDeleted(),
        "error_class   " + nz(s.errorClass()), "error_message " + nz(s.errorMessage()), "started_at    " + nz(s.startedAt()),
        "finished_at   " + nz(s.finishedAt()), "job_run_id    " + nz(s.jobRunId()));
  }

  private ClientSettings settings(Parsed p) {
    ClientSettings s = ClientSettings.fromEnvironment(env);
    if (p.get("bundle-target").isPresent()) {
      String t = p.get("bundle-target").get();
      if (!t.equals("dev") && !t.equals("prod")) {
        throw new UsageException("--bundle-target is '" + t + "'; use dev or prod (the bundle's targets)");
      }
      s = s.withDevelopmentTarget(t.equals("dev"));
    }
    if (p.get("extract-job-id").isPresent()) {
      s = s.withExtractJobId(ClientSettings.jobId("--extract-job-id", p.get("extract-job-id").get()));
    }
    if (p.get("sync-job-id").isPresent()) {
      s = s.withSyncJobId(ClientSettings.jobId("--sync-job-id", p.get("sync-job-id").get()));
    }
    if (p.get("warehouse-id").isPresent()) {
      s = s.withWarehouseId(p.get("warehouse-id").get());
    }
    if (p.get("catalog").isPresent() || p.get("schema").isPresent()) {
      s = s.withTables(p.get("catalog").orElse(s.catalog()), p.get("schema").orElse(s.schema()));
    }
    return s;
  }

  private static BridgeClient openFromEnvironment(ClientSettings settings, String profile) {
    DatabricksConfig config = new DatabricksConfig();
    if (profile != null) {
      config.setProfile(profile);
    }
    return BridgeClient.create(config, settings);
  }

  private static long runId(String positional, String sub) {
    if (positional == null) {
      throw new UsageException("usage: bridge remote " + sub + " RUN_ID");
    }
    try {
      return Long.parseLong(positional);
    } catch (NumberFormatException e) {
      throw new UsageException("RUN_ID must be a number, got '" + positional + "'");
    }
  }

  private static int intOption(Parsed p, String name, int def) {
    String v = p.get(name).orElse(null);
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + v + "'");
    }
  }

  private static String summaryOf(String sub) {
    return switch (sub) {
      case "extract" -> "run the deployed extract job now";
      case "status" -> "state of a run: tasks, countries, errors, rows moved";
      case "runs" -> "recent runs of the extract job";
      case "cancel" -> "cancel a run";
      case "submit-event" -> "submit a sync event (recorded under your identity)";
      case "events" -> "list sync events or show one (--id)";
      default -> "workspace, credentials, jobs, warehouse, last sync run, backlog";
    };
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
