package com.kwp.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.extract.ExtractSummary;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.lake.EventTables;
import com.kwp.bridge.lake.ExtractRunsTable;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.testing.TestSpark;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sync events and rows moved through the Statement Execution API: the local workspace executes each statement with
 * local Spark against local Delta tables, as the caller.
 */
class RemoteEventsIT {
  private final SparkSession spark = TestSpark.session();
  private final String schema = "remote_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private TestWorkspace ws;
  private ClientSettings settings;
  private BridgeClient client;

  @BeforeEach
  void setUp() {
    spark.sql("CREATE DATABASE " + schema);
    settings = TestWorkspace.settings(true).withTables("spark_catalog", schema);
    // Locally the tables are made by two-part name in spark_catalog; the client addresses them as spark_catalog.<schema>.<table>.
    EventTables.createIfMissing(spark, TableRef.of(schema + ".bridge_events"), TableRef.of(schema + ".bridge_event_status"),
        TableRef.of(schema + ".bridge_audit"));
    ws = new TestWorkspace(new SparkSqlExecutor());
    client = ws.client(settings);
  }

  @AfterEach
  void tearDown() {
    ws.close();
    spark.sql("DROP DATABASE " + schema + " CASCADE");
  }

  @Test
  void aSubmittedEventIsPendingUnderTheCallersIdentityWithValuesAsParameters() {
    String filter = "region = 'O''Higgins' OR name = ':event_id'";
    String id = client.submitSyncEvent(SyncEventRequest.of("UPSERT", "main.panel.calibrated", "dbo.CalibrationResults",
        List.of("id hogar", "periodo")).filter(filter));

    assertEquals(BridgeSql.insertEvent(settings.eventsTable()), ws.server.statements.received.get(0), "the text carries no value");
    Row stored = spark.table(schema + ".bridge_events").where("event_id = '" + id + "'").first();
    assertEquals(TestWorkspace.PRINCIPAL, stored.getAs("requested_by"), "current_user() is the authenticated principal");
    assertEquals(filter, stored.getAs("source_filter"));
    assertEquals(List.of("id hogar", "periodo"), stored.getList(stored.fieldIndex("primary_keys")));

    SyncEventStatus s = client.getSyncEvent(id).orElseThrow();
    assertEquals("pending", s.status());
    assertEquals("UPSERT", s.operation());
    assertEquals("dbo.CalibrationResults", s.targetTable());
    assertEquals(TestWorkspace.PRINCIPAL, s.requestedBy());
    assertEquals(0, s.attempts());
    assertNull(s.rowsAffected());
    assertTrue(client.getSyncEvent(UUID.randomUUID().toString()).isEmpty());
  }

  @Test
  void aStoppedWarehouseStartsWhileTheStatementIsPendingAndIsPolled() {
    client.submitSyncEvent(SyncEventRequest.insert("main.panel.calibrated", "dbo.CalibrationResults"));
    String statementPath = ws.server.requests().stream().filter(r -> r.method().equals("GET") && r.path().startsWith("/api/2.0/sql/statements/"))
        .findFirst().orElseThrow(() -> new AssertionError("the PENDING statement was never polled")).path();
    assertTrue(statementPath.matches("/api/2.0/sql/statements/[0-9a-f-]{36}"), statementPath);
    assertEquals("RUNNING", ws.server.warehouses.get(TestWorkspace.WAREHOUSE).state());
  }

  @Test
  void listingReadsEveryResultChunkAndFiltersByStatus() {
    for (int i = 0; i < 5; i++) {
      client.submitSyncEvent(SyncEventRequest.insert("main.panel.t" + i, "dbo.T" + i));
    }
    List<SyncEventStatus> all = client.listSyncEvents(null, 10);
    assertEquals(5, all.size());
    // Chunks of 2 rows: the first comes with the statement, two more by next_chunk_index.
    assertTrue(ws.server.requests().stream().anyMatch(r -> r.path().endsWith("/result/chunks/2")), "third chunk fetched");
    assertEquals(3, client.listSyncEvents("pending", 3).size());
    assertEquals(0, client.listSyncEvents("failed", 10).size());
    assertThrows(ValidationException.class, () -> client.listSyncEvents("lost", 10));
  }

  @Test
  void shellSubmitEventAndEvents() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
    com.kwp.bridge.cli.RemoteCommand cmd = new com.kwp.bridge.cli.RemoteCommand(
        (st, profile) -> BridgeClient.create(ws.server.config(TestWorkspace.TOKEN), st),
        java.util.Map.of("BRIDGE_WAREHOUSE_ID", TestWorkspace.WAREHOUSE, "BRIDGE_CATALOG", "spark_catalog", "BRIDGE_SCHEMA", schema),
        out, id -> false, c -> RunWaiter.of(c, out), false);
    cmd.run(new String[] {"submit-event", "--operation", "UPSERT", "--source", "main.panel.calibrated", "--target", "dbo.CalibrationResults",
        "--key", "id hogar", "--key", "periodo"});
    String id = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).trim();
    assertTrue(id.matches("[0-9a-f-]{36}"), id);
    bytes.reset();
    cmd.run(new String[] {"events", "--status", "pending"});
    assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith(id + " pending   UPSERT dbo.CalibrationResults"),
        bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    bytes.reset();
    cmd.run(new String[] {"events", "--id", id});
    assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).contains("requested_by  " + TestWorkspace.PRINCIPAL));
  }

  @Test
  void badEventsAreRefusedBeforeAnyStatement() {
    long before = ws.server.requests().size();
    assertThrows(ValidationException.class, () -> client.submitSyncEvent(SyncEventRequest.of("DELETE", "main.s.t", "dbo.T", null)));
    assertThrows(ValidationException.class, () -> client.submitSyncEvent(SyncEventRequest.of("TRUNCATE", "main.s.t", "dbo.T", null)));
    assertEquals(before, ws.server.requests().stream().filter(r -> r.path().startsWith("/api/2.0/sql")).count());
  }

  @Test
  void statementAndWarehouseErrorsSayWhatToDo() {
    BridgeClient wrongSchema = ws.client(settings.withTables("spark_catalog", "no_such_schema"));
    StatementFailedException missing = assertThrows(StatementFailedException.class, () -> wrongSchema.listSyncEvents(null, 5));
    assertEquals("BAD_REQUEST", missing.apiErrorCode());
    assertTrue(missing.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND"), missing.getMessage());
    assertTrue(missing.getMessage().contains("check BRIDGE_CATALOG/BRIDGE_SCHEMA"), missing.getMessage());

    BridgeClient noWarehouse = ws.client(settings.withWarehouseId("nope"));
    RemoteNotFoundException gone = assertThrows(RemoteNotFoundException.class, () -> noWarehouse.listSyncEvents(null, 5));
    assertEquals(404, gone.httpStatus());
    assertTrue(gone.getMessage().contains("SQL warehouse nope not found"), gone.getMessage());

    ws.server.statements.canUse.add("someone-else");
    RemotePermissionException denied = assertThrows(RemotePermissionException.class, () -> client.listSyncEvents(null, 5));
    assertTrue(denied.getMessage().contains("grant the project's service principal CAN_USE on SQL warehouse " + TestWorkspace.WAREHOUSE),
        denied.getMessage());
  }

  @Test
  void statementsAreRetriedAfterTooManyRequests() {
    ws.server.failNext(new LocalWorkspace.Fault("POST", "/api/2.0/sql/statements", 429, "REQUEST_LIMIT_EXCEEDED",
        "Too many requests.", 1));
    assertEquals(0, client.listSyncEvents(null, 5).size());
    assertEquals(2, ws.requests("POST", "/api/2.0/sql/statements"));
  }

  @Test
  void runStatusCarriesTheRowsMovedFromTheExtractRunsTable() {
    long runId = client.extract(ExtractRequest.of("Colombia")).runId();
    Instant t = Instant.parse("2026-12-01T02:00:00Z");
    new ExtractRunsTable(TableRef.of(schema + ".bridge_extract_runs")).append(spark, ExtractSummary.rows(Long.toString(runId), List.of(
        new QueryResult("ventas", "Colombia", "/Volumes/x/ventas", "overwrite", "parquet", 4, 1200, 1200, 2.0, null, null,
            QueryResult.Status.OK, null, t),
        new QueryResult("productos", "Colombia", "/Volumes/x/productos", "overwrite", "parquet", 1, 35, 35, 0.5, null, null,
            QueryResult.Status.OK, null, t))));

    RunStatus s = client.getJobStatus(runId);
    assertEquals(List.of(new QueryRows("Colombia", "productos", "OK", 35, null), new QueryRows("Colombia", "ventas", "OK", 1200, null)),
        s.queries());
    assertEquals(1235, s.rowsMoved());
    assertNull(s.rowsNote());
  }

  @Test
  void healthReportsTheWarehouseAndTheBacklog() {
    ws.server.jobs.addFinishedRun(ws.syncJob, "SUCCESS");
    assertTrue(client.health(60).healthy(), client.health(60).toString());
    client.submitSyncEvent(SyncEventRequest.insert("main.panel.calibrated", "dbo.CalibrationResults"));
    HealthReport report = client.health(0);
    HealthReport.Check backlog = report.checks().stream().filter(c -> c.name().equals("sync backlog")).findFirst().orElseThrow();
    assertTrue(!backlog.ok() && backlog.detail().startsWith("1 events pending for more than 0 min"), backlog.toString());
    HealthReport.Check warehouse = report.checks().stream().filter(c -> c.name().equals("warehouse")).findFirst().orElseThrow();
    assertEquals("bridge warehouse (" + TestWorkspace.WAREHOUSE + ") RUNNING", warehouse.detail());

    ws.server.jobs.addFinishedRun(ws.syncJob, "FAILED");
    HealthReport.Check last = client.health(60).checks().stream().filter(c -> c.name().equals("last sync run")).findFirst().orElseThrow();
    assertTrue(!last.ok() && last.detail().contains("TERMINATED FAILED"), last.toString());
  }
}
