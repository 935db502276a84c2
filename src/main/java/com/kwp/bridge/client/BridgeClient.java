package com.kwp.bridge.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.sql.GetWarehouseResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives the deployed bridge from outside Databricks, over the Databricks SDK for Java: extraction runs through
 * the Jobs API, sync events through the SQL Statement Execution API on a warehouse. The caller is whoever the
 * SDK's unified auth resolves (a project's service principal); events are recorded under that identity.
 */
public final class BridgeClient {
  private final WorkspaceClient workspace;
  private final ClientSettings settings;
  private final JobLocator locator;
  private final ExtractRuns runs;
  private final Statements statements;
  private final SyncEvents events;
  private volatile User me;

  public BridgeClient(WorkspaceClient workspace, ClientSettings settings, Sleeper sleeper) {
    this.workspace = workspace;
    this.settings = settings;
    this.locator = new JobLocator(workspace.jobs(), settings.developmentTarget(), () -> whoAmI().getUserName());
    this.runs = new ExtractRuns(workspace.jobs());
    this.statements = new Statements(workspace.statementExecution(), settings, sleeper);
    this.events = new SyncEvents(statements, settings);
  }

  /** DATABRICKS_HOST and the SDK's unified auth (token, OAuth M2M, profile, Azure); settings from BRIDGE_* variables. */
  public static BridgeClient fromEnvironment() {
    return create(new DatabricksConfig(), ClientSettings.fromEnvironment(System.getenv()));
  }

  /** An SDK configuration of the caller's choosing (e.g. {@code setProfile}), with explicit settings. */
  public static BridgeClient create(DatabricksConfig config, ClientSettings settings) {
    WorkspaceClient workspace;
    try {
      DatabricksConfig resolved = config.resolve();
      if (resolved.getHost() == null || resolved.getHost().isBlank()) {
        throw new IllegalArgumentException("no workspace host");
      }
      workspace = new WorkspaceClient(resolved);
    } catch (RuntimeException e) {
      // The SDK reports a missing host or credential in several ways (its own exception, a NullPointerException).
      throw new RemoteAuthenticationException(null, 0, "no usable workspace configuration (" + e.getMessage() + "): set DATABRICKS_HOST"
          + " and DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET of the project's service principal,"
          + " or a ~/.databrickscfg profile (DATABRICKS_CONFIG_PROFILE / --profile)", e);
    }
    return new BridgeClient(workspace, settings, Sleeper.REAL);
  }

  public ClientSettings settings() {
    return settings;
  }

  /** The identity the credentials belong to (SCIM Me), cached. */
  public User whoAmI() {
    if (me == null) {
      me = RemoteErrors.call(new RemoteErrors.Target("the current user (SCIM Me)", "workspace access", "check DATABRICKS_HOST"),
          () -> workspace.currentUser().me());
    }
    return me;
  }

  // ---- extraction runs (Jobs API)

  public RunHandle extract(ExtractRequest request) {
    return runs.start(extractJob(), request);
  }

  public RunStatus getJobStatus(long runId) {
    return runs.status(runId, this::rowsMoved);
  }

  /** Recent runs of the extract job, newest first. */
  public List<RunSummary> listJobs(int limit) {
    return runs.recent(extractJob(), limit);
  }

  public void cancel(long runId) {
    runs.cancel(runId);
  }

  // ---- sync events (SQL Statement Execution API)

  public String submitSyncEvent(SyncEventRequest request) {
    return events.submit(request, whoAmI().getUserName());
  }

  public Optional<SyncEventStatus> getSyncEvent(String eventId) {
    return events.get(eventId);
  }

  public List<SyncEventStatus> listSyncEvents(String status, int limit) {
    return events.list(status, limit);
  }

  // ---- health

  /** Reachability and identity, both jobs, the warehouse, the last sync run and events older than {@code backlogMinutes}. */
  public HealthReport health(int backlogMinutes) {
    List<HealthReport.Check> checks = new ArrayList<>();
    User user;
    try {
      user = whoAmI();
      checks.add(new HealthReport.Check("credentials", true, "authenticated as " + user.getUserName()));
    } catch (RemoteException e) {
      checks.add(new HealthReport.Check("credentials", false, e.getMessage()));
      return new HealthReport(checks);
    }
    Optional<JobLocator.Found> extract = check(checks, "extract job", this::extractJob);
    extract.ifPresent(j -> checks.set(checks.size() - 1, new HealthReport.Check("extract job", true, j.name())));
    Optional<JobLocator.Found> sync = check(checks, "sync job", this::syncJob);
    sync.ifPresent(j -> {
      checks.set(checks.size() - 1, new HealthReport.Check("sync job", true, j.name()));
      check(checks, "last sync run", () -> lastSyncRun(j));
    });
    if (settings.warehouseId() == null || settings.warehouseId().isBlank()) {
      checks.add(new HealthReport.Check("warehouse", false, "not configured: set BRIDGE_WAREHOUSE_ID (needed for sync events)"));
      return new HealthReport(checks);
    }
    check(checks, "warehouse", this::warehouseState);
    check(checks, "sync backlog", () -> backlog(backlogMinutes));
    return new HealthReport(checks);
  }

  private String lastSyncRun(JobLocator.Found sync) {
    List<RunSummary> last = runs.recent(sync, 1);
    if (last.isEmpty()) {
      return "no run yet";
    }
    RunSummary r = last.get(0);
    boolean bad = r.resultState() != null && !r.resultState().equals("SUCCESS");
    String detail = "run " + r.runId() + " " + r.lifeCycleState() + (r.resultState() == null ? "" : " " + r.resultState());
    if (bad) {
      throw new HealthFailure(detail + (r.runPageUrl() == null ? "" : " (" + r.runPageUrl() + ")"));
    }
    return detail;
  }

  private String warehouseState() {
    String id = settings.warehouseId();
    GetWarehouseResponse w = RemoteErrors.call(new RemoteErrors.Target("SQL warehouse " + id, "CAN_USE",
        "set BRIDGE_WAREHOUSE_ID to an existing warehouse"), () -> workspace.warehouses().get(id));
    String state = w.getState() == null ? "UNKNOWN" : w.getState().name();
    String detail = w.getName() + " (" + id + ") " + state;
    switch (state) {
      case "RUNNING":
        return detail;
      case "STOPPED":
      case "STOPPING":
      case "STARTING":
        return detail + ": the first statement starts it (auto-start), which takes a few minutes;"
            + " set a longer auto_stop_mins on the warehouse if projects submit often";
      default:
        throw new HealthFailure(detail + ": the warehouse is being deleted or gone; set BRIDGE_WAREHOUSE_ID to another one");
    }
  }

  private String backlog(int minutes) {
    SyncEvents.Backlog b = events.backlog(minutes);
    if (b.pending() > 0) {
      throw new HealthFailure(b.pending() + " events pending for more than " + minutes + " min (oldest " + b.oldest()
          + "): is the sync job's schedule paused or failing?");
    }
    return "no event pending for more than " + minutes + " min";
  }

  /** A check's failure that is not an exception of the API (a finding, with its detail). */
  private static final class HealthFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HealthFailure(String message) {
      super(message);
    }
  }

  private static <T> Optional<T> check(List<HealthReport.Check> checks, String name, java.util.function.Supplier<T> probe) {
    try {
      T value = probe.get();
      checks.add(new HealthReport.Check(name, true, String.valueOf(value)));
      return Optional.ofNullable(value);
    } catch (RemoteException | HealthFailure | com.kwp.bridge.error.ConfigException e) {
      checks.add(new HealthReport.Check(name, false, e.getMessage()));
      return Optional.empty();
    }
  }

  private JobLocator.Found extractJob() {
    return locator.find(settings.extractJobName(), settings.extractJobId(), "BRIDGE_EXTRACT_JOB_ID (--extract-job-id)");
  }

  private JobLocator.Found syncJob() {
    return locator.find(settings.syncJobName(), settings.syncJobId(), "BRIDGE_SYNC_JOB_ID (--sync-job-id)");
  }

  /** Rows of the extract-runs table for the run; a note instead when no warehouse is set or the table is not there yet. */
  private ExtractRuns.RowsReader.Rows rowsMoved(long runId) {
    if (settings.warehouseId() == null || settings.warehouseId().isBlank()) {
      return new ExtractRuns.RowsReader.Rows(List.of(), "rows moved not read: set BRIDGE_WAREHOUSE_ID");
    }
    try {
      StatementResult r = statements.execute(BridgeSql.extractRunRows(settings.extractRunsTable()),
          List.of(Statements.Param.string("run_id", Long.toString(runId))),
          new RemoteErrors.Target("extract-runs table " + settings.extractRunsTable(), "SELECT", "check BRIDGE_CATALOG/BRIDGE_SCHEMA"));
      return new ExtractRuns.RowsReader.Rows(r.records().stream().map(m -> new QueryRows(m.get("country"), m.get("query"),
          m.get("status"), m.get("rows_written") == null ? 0 : Long.parseLong(m.get("rows_written")), m.get("error"))).toList(), null);
    } catch (StatementFailedException e) {
      return new ExtractRuns.RowsReader.Rows(List.of(), "rows moved not read: " + e.getMessage());
    }
  }
}
