package com.kwp.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.audit.RunContext;
import com.kwp.bridge.config.PermissionsLoader;
import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.lake.EventTables;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.sync.SyncEngine;
import com.kwp.bridge.sync.SyncStream;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import com.kwp.bridge.testing.TestSpark;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end from outside: a project submits events through the Statement Execution API (the local workspace runs
 * them with local Spark, as the caller), a local SyncJob run applies them to the embedded PostgreSQL, and the project
 * reads the outcome back through the API. The principal SyncJob authorizes is the identity the statement ran as.
 */
class RemoteSyncPostgresIT {
  private static final String OTHER_TOKEN = "dapi-project-b-token";
  private static final String OTHER_PRINCIPAL = "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a";

  private final SparkSession spark = TestSpark.session();
  private final String schema = "remote_sync_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private TestDatabase db;
  private TestWorkspace ws;
  private TablesConfig tables;

  @BeforeEach
  void setUp() {
    db = TestDatabases.postgres();
    spark.sql("CREATE DATABASE " + schema);
    tables = new TablesConfig(schema + ".bridge_events", schema + ".bridge_event_status", schema + ".bridge_audit");
    EventTables.createIfMissing(spark, TableRef.of(tables.events()), TableRef.of(tables.status()), TableRef.of(tables.audit()));
    ws = new TestWorkspace(new SparkSqlExecutor());
    ws.server.addToken(OTHER_TOKEN, OTHER_PRINCIPAL);
  }

  @AfterEach
  void tearDown() {
    ws.close();
    spark.sql("DROP DATABASE " + schema + " CASCADE");
    db.close();
  }

  @Test
  void submitSyncThenReadTheOutcomeUnderTheProjectsIdentity() {
    db.execute("CREATE TABLE " + db.qualified("calibration") + " (id integer PRIMARY KEY, score numeric(10,2))");
    StructType rows = new StructType().add("id", DataTypes.IntegerType).add("score", DataTypes.createDecimalType(10, 2));
    spark.createDataFrame(List.of(RowFactory.create(1, new java.math.BigDecimal("1.50")), RowFactory.create(2, new java.math.BigDecimal("2.25")),
        RowFactory.create(3, new java.math.BigDecimal("-0.75"))), rows).write().format("delta").saveAsTable(schema + ".calibrated");

    ClientSettings settings = TestWorkspace.settings(true).withTables("spark_catalog", schema);
    BridgeClient project = ws.client(settings);
    BridgeClient stranger = BridgeClient.create(ws.server.config(OTHER_TOKEN), settings);
    String target = db.schema() + ".calibration";
    String id = project.submitSyncEvent(SyncEventRequest.insert(schema + ".calibrated", target));
    String strangerId = stranger.submitSyncEvent(SyncEventRequest.insert(schema + ".calibrated", target));
    assertEquals("pending", project.getSyncEvent(id).orElseThrow().status());

    runSync();

    SyncEventStatus done = project.getSyncEvent(id).orElseThrow();
    assertEquals("completed", done.status(), done::errorMessage);
    assertEquals(3L, done.rowsAffected());
    assertEquals(0L, done.discrepancy());
    assertEquals(TestWorkspace.PRINCIPAL, done.requestedBy());
    assertEquals("remote-it-run", done.jobRunId());
    assertEquals(List.of("1|1.50", "2|2.25", "3|-0.75"), db.query("SELECT id, score FROM " + db.qualified("calibration") + " ORDER BY id",
        rs -> {
          try {
            return rs.getInt(1) + "|" + rs.getBigDecimal(2).toPlainString();
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        }));

    // The other project's service principal has no grant on the target: its event is rejected, nothing written twice.
    SyncEventStatus denied = stranger.getSyncEvent(strangerId).orElseThrow();
    assertEquals("rejected", denied.status());
    assertEquals("PERMISSION_DENIED", denied.errorClass());
    assertEquals(OTHER_PRINCIPAL, denied.requestedBy());

    assertEquals(List.of(strangerId), project.listSyncEvents("rejected", 10).stream().map(SyncEventStatus::eventId).toList());
    assertTrue(project.listSyncEvents("completed", 10).stream().anyMatch(e -> e.eventId().equals(id)));
    assertTrue(project.health(0).checks().stream().anyMatch(c -> c.name().equals("sync backlog") && c.ok()), "nothing left pending");
  }

  /** A local SyncJob run (available-now) whose permissions grant the project's principal the test schema. */
  private void runSync() {
    var conf = ConfigFactory.parseMap(Map.of("sync.retry.base-delay", "10ms", "sync.retry.max-delay", "50ms",
        "sync.staging-schema", "bridge_staging", "sync.ledger-schema", "bridge")).withFallback(ConfigFactory.defaultReference()).resolve();
    SyncConfig cfg = SyncConfig.from(conf).withCheckpoint(TestSpark.tempDir("remote-sync-cp").resolve("checkpoint").toString());
    var permissions = PermissionsLoader.parse(ConfigFactory.parseString("principals {\n  \"" + TestWorkspace.PRINCIPAL
        + "\" { sources = [\"" + schema + ".*\"], targets = [ { table = \"" + db.schema() + ".*\", access = read_write } ] }\n}\n"),
        "remote test permissions");
    SyncStream.run(spark, new SyncEngine(db.connection(), cfg, tables, permissions, RunContext.of("remote-it-run")));
  }
}
