package com.kwp.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Extraction runs through the real SDK client against the local Jobs API 2.2. */
class ExtractRunsTest {
  private final TestWorkspace ws = new TestWorkspace(null);
  private final BridgeClient client = ws.client(TestWorkspace.settings(false));

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void extractFindsTheBundleJobByNameAndSendsTheBundlesJobParameters() {
    RunHandle run = client.extract(ExtractRequest.of("Colombia").destination("/Volumes/bridge/events/bridge_landing/extract")
        .queries("ventas", "productos").overwrite(true));

    assertEquals(ws.extractJob.id, run.jobId());
    JsonNode body = lastBody("/api/2.2/jobs/run-now");
    assertEquals(ws.extractJob.id, body.path("job_id").asLong());
    assertEquals(Map.of("countries", "[\"Colombia\"]", "destination", "/Volumes/bridge/events/bridge_landing/extract",
        "queries", "ventas,productos", "overwrite", "true"), LocalWorkspace.JSON.convertValue(body.path("job_parameters"), Map.class));
    assertEquals(1, ws.requests("GET", "/api/2.2/jobs/list"), "the job is looked up by name through jobs/list");
  }

  @Test
  void parametersLeftOutKeepTheJobsDefaults() {
    RunHandle run = client.extract(ExtractRequest.of("Mexico"));
    RunStatus s = client.getJobStatus(run.runId());
    assertEquals(Map.of("countries", "[\"Mexico\"]", "destination", "/Volumes/bridge/events/bridge_landing/extract", "queries", "",
        "overwrite", "false"), s.parameters());
  }

  @Test
  void statusFollowsTheRunAndShowsEachCountryAndTheFailedTasksError() {
    RunHandle run = client.extract(new ExtractRequest(List.of("Colombia", "Mexico", "Peru"), null, null, null));
    ws.server.jobs.runs.get(run.runId()).failing.add("Peru");

    RunStatus first = client.getJobStatus(run.runId());
    assertEquals("RUNNING", first.lifeCycleState());
    assertNull(first.resultState());
    assertEquals("1 succeeded, 0 failed, 2 active of 3", first.iterationStats());
    // Three iterations over two pages of runs/get (next_page_token followed).
    assertEquals(List.of("Colombia", "Mexico", "Peru"), first.tasks().stream().map(TaskRun::input).toList());
    assertEquals(List.of("SUCCESS", "RUNNING", "RUNNING"),
        first.tasks().stream().map(t -> t.resultState() == null ? t.lifeCycleState() : t.resultState()).toList());
    assertEquals("rows moved not read: set BRIDGE_WAREHOUSE_ID", first.rowsNote());

    RunStatus end = client.getJobStatus(run.runId());
    assertTrue(end.isFinal());
    assertEquals("FAILED", end.resultState());
    assertEquals("2 succeeded, 1 failed, 0 active of 3", end.iterationStats());
    assertEquals(List.of("extract_country [Peru]: com.kwp.bridge.error.ExtractFailedException: Peru: query ventas failed: connection refused"),
        end.errors());
    assertFalse(end.succeeded());
  }

  @Test
  void listJobsShowsRecentRunsNewestFirstAndCancelStopsARun() {
    long a = client.extract(ExtractRequest.of("Colombia")).runId();
    long b = client.extract(ExtractRequest.of("Mexico")).runId();
    List<RunSummary> runs = client.listJobs(20);
    assertEquals(List.of(b, a), runs.stream().map(RunSummary::runId).toList());
    assertEquals(1, client.listJobs(1).size());

    client.cancel(b);
    RunStatus s = client.getJobStatus(b);
    assertEquals("TERMINATED", s.lifeCycleState());
    assertEquals("CANCELED", s.resultState());
  }

  @Test
  void aMissingJobSaysToDeployTheBundleOrSetTheId() {
    ws.server.jobs.jobs.remove(ws.extractJob.id);
    RemoteNotFoundException e = assertThrows(RemoteNotFoundException.class, () -> client.extract(ExtractRequest.of("Colombia")));
    assertTrue(e.getMessage().contains("job 'bridge-extract' not found"), e.getMessage());
    assertTrue(e.getMessage().contains("databricks bundle deploy -t prod"), e.getMessage());
    assertTrue(e.getMessage().contains("BRIDGE_EXTRACT_JOB_ID"), e.getMessage());

    BridgeClient byId = ws.client(TestWorkspace.settings(false).withExtractJobId(424242L));
    RemoteNotFoundException byIdError = assertThrows(RemoteNotFoundException.class, () -> byId.extract(ExtractRequest.of("Colombia")));
    assertEquals("INVALID_PARAMETER_VALUE", byIdError.apiErrorCode());
    assertEquals(400, byIdError.httpStatus());
    assertTrue(byIdError.getMessage().contains("Job 424242 does not exist"), byIdError.getMessage());
  }

  @Test
  void severalJobsOfTheSameNameAskForTheIdAcrossListPages() {
    for (int i = 0; i < 30; i++) {
      ws.server.jobs.addJob("BRIDGE-EXTRACT", Map.of(), true);
    }
    com.kwp.bridge.error.ConfigException e = assertThrows(com.kwp.bridge.error.ConfigException.class,
        () -> client.extract(ExtractRequest.of("Colombia")));
    assertEquals("31 jobs are named 'bridge-extract'; set BRIDGE_EXTRACT_JOB_ID (--extract-job-id) to the one to use", e.getMessage());
    assertEquals(2, ws.requests("GET", "/api/2.2/jobs/list"), "25 per page, next_page_token followed");
  }

  @Test
  void developmentTargetFindsThePrefixedJob() {
    LocalJobs.Job dev = ws.server.jobs.addJob("[dev " + TestWorkspace.PRINCIPAL.replace('-', '_') + "] bridge-extract",
        Map.of("countries", "[]", "destination", "", "queries", "", "overwrite", "false"), true);
    RunHandle run = ws.client(TestWorkspace.settings(false).withDevelopmentTarget(true)).extract(ExtractRequest.of("Colombia"));
    assertEquals(dev.id, run.jobId());
  }

  @Test
  void permissionDeniedNamesThePermissionAndTheJob() {
    ws.extractJob.canManageRun.add("someone-else");
    RemotePermissionException e = assertThrows(RemotePermissionException.class, () -> client.extract(ExtractRequest.of("Colombia")));
    assertEquals("PERMISSION_DENIED", e.apiErrorCode());
    assertEquals(403, e.httpStatus());
    assertTrue(e.getMessage().contains("grant the project's service principal CAN_MANAGE_RUN on job bridge-extract (id " + ws.extractJob.id + ")"),
        e.getMessage());
  }

  @Test
  void tooManyRequestsAndUnavailableAreRetriedByTheSdk() {
    ws.server.failNext(new LocalWorkspace.Fault("POST", "/api/2.2/jobs/run-now", 429, "REQUEST_LIMIT_EXCEEDED",
        "Too many requests. Please wait a moment and try again.", 1));
    long runId = client.extract(ExtractRequest.of("Colombia")).runId();
    assertEquals(2, ws.requests("POST", "/api/2.2/jobs/run-now"), "the 429 was answered once, the SDK sent it again");
    assertEquals(1, ws.server.jobs.runs.values().stream().filter(r -> r.runId == runId).count());

    ws.server.failNext(new LocalWorkspace.Fault("GET", "/api/2.2/jobs/runs/get", 503, "TEMPORARILY_UNAVAILABLE",
        "The service is temporarily unavailable.", 1));
    assertEquals(runId, client.getJobStatus(runId).runId());
  }

  @Test
  void rejectedCredentialsAreATypedErrorWithoutTheToken() {
    BridgeClient wrong = BridgeClient.create(ws.server.config("dapi-not-a-valid-token"), TestWorkspace.settings(false));
    RemoteAuthenticationException e = assertThrows(RemoteAuthenticationException.class, () -> wrong.listJobs(5));
    assertEquals(401, e.httpStatus());
    assertFalse(e.getMessage().contains("dapi-not-a-valid-token"), e.getMessage());
  }

  @Test
  void noWorkspaceConfiguredSaysWhichVariablesToSet() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DATABRICKS_HOST") == null, "a workspace is configured here");
    RemoteAuthenticationException e = assertThrows(RemoteAuthenticationException.class, () -> BridgeClient.create(
        new com.databricks.sdk.core.DatabricksConfig().setConfigFile("/nonexistent/.databrickscfg"), TestWorkspace.settings(false)));
    assertTrue(e.getMessage().contains("set DATABRICKS_HOST and DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET"),
        e.getMessage());
  }

  @Test
  void badRequestsFailBeforeAnyCall() {
    assertThrows(com.kwp.bridge.error.ValidationException.class, () -> ExtractRequest.of("Colombia").queries("a,b"));
    assertThrows(com.kwp.bridge.error.ValidationException.class, () -> new ExtractRequest(List.of(), null, null, null));
    assertEquals(0, ws.server.requests().size());
  }

  private JsonNode lastBody(String path) {
    List<LocalWorkspace.Request> rs = ws.server.requests().stream().filter(r -> r.path().equals(path)).toList();
    return rs.get(rs.size() - 1).body();
  }
}
