package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SyncJob's start-up checks. The events table must be authenticatable: change data feed on, appends
 * carrying a user (else only the explicit, warned {@code sync.identity = declared} runs). And
 * the staging schema belongs to the bridge alone (issue 8, "leftover-staging cleanup is too broad"):
 * names are matched exactly (no LIKE wildcard), a table that is not the bridge's stops SyncJob at start
 * instead of being dropped, and cleanup drops only leftovers whose event is in the ledger, that have no
 * lease, or whose lease is older than the grace period; a load in flight (fresh lease) is kept.
 */
class SyncStagingPostgresIT {

  @Test
  void anEventsTableWithoutChangeFeedOrWithAnonymousCommitsIsRefusedUnlessDeclaredIdentityIsChosen() {
    try (TestDatabase db = TestDatabases.postgres()) {
      SyncFixture f = new SyncFixture(db);
      db.execute("CREATE TABLE " + db.qualified("decl") + " (" + db.dialect().names().quoteIdentifier("id hogar") + " integer, periodo integer,"
          + " nombre text, peso numeric(18,4), medido timestamp)");
      f.spark.createDataFrame(List.of(), com.kwp.bridge.lake.EventTables.EVENTS).write().format("delta").save(f.tables.events());
      ConfigException noFeed = assertThrows(ConfigException.class, f::runSync);
      assertTrue(noFeed.getMessage().contains("no change data feed") && noFeed.getMessage().contains("delta.enableChangeDataFeed = true"),
          noFeed.getMessage());

      f.spark.sql("ALTER TABLE delta.`" + f.tables.events() + "` SET TBLPROPERTIES (delta.enableChangeDataFeed = true)");
      String src = f.source("decl", SyncDirectScenarios.PANEL, List.of(SyncScenarios.panel(1, 1, "a", "1", null)));
      // Appended as open-source Delta does: no user in the commit.
      String id = new EventSubmitter(com.kwp.bridge.lake.TableRef.of(f.tables.events())).submit(f.spark,
          EventSubmitter.newEvent("INSERT", src, db.schema() + ".decl", null, null, "team", java.util.Map.of()));
      ConfigException anonymous = assertThrows(ConfigException.class, f::runSync);
      assertTrue(anonymous.getMessage().contains("commits without a user") && anonymous.getMessage().contains("sync.identity = declared"),
          anonymous.getMessage());

      f.identity = com.kwp.bridge.config.SyncConfig.Identity.DECLARED;
      f.runSync();
      assertEquals("completed", f.status(id).getAs("status"), () -> String.valueOf((Object) f.status(id).getAs("error_message")));
      assertEquals(1L, db.count(db.qualified("decl")), "read from the version that turned the feed on");
    }
  }

  @Test
  void foreignTablesStopTheStartAndOnlyLeftoversAreDropped() {
    try (TestDatabase db = TestDatabases.postgres()) {
      SyncFixture f = new SyncFixture(db);
      f.engine().prepare(f.spark, false);
      // "stage1data" matched LIKE 'stage_%' ('_' is a wildcard) and was dropped; now it is someone else's table.
      db.execute("CREATE TABLE bridge_staging.stage1data (x integer)", "INSERT INTO bridge_staging.stage1data VALUES (1)");
      ConfigException e = assertThrows(ConfigException.class, f::runSync);
      assertTrue(e.getMessage().contains("stage1data") && e.getMessage().contains("sync.staging-schema"), e.getMessage());
      assertEquals(1L, db.count("bridge_staging.stage1data"), "untouched");
      db.execute("DROP TABLE bridge_staging.stage1data");

      db.execute("CREATE TABLE bridge.reports (x integer)");
      ConfigException l = assertThrows(ConfigException.class, f::runSync);
      assertTrue(l.getMessage().contains("reports") && l.getMessage().contains("sync.ledger-schema"), l.getMessage());
      db.execute("DROP TABLE bridge.reports");

      db.execute("CREATE TABLE bridge_staging.stage_inflight (x integer)",
          "INSERT INTO bridge.staging_leases (table_name, event_id) VALUES ('stage_inflight', 'inflight')",
          "CREATE TABLE bridge_staging.stage_orphan (x integer)",
          "CREATE TABLE bridge_staging.stage_done (x integer)",
          "INSERT INTO bridge.staging_leases (table_name, event_id) VALUES ('stage_done', 'done')",
          "INSERT INTO bridge.applied_events (event_id, rows_affected) VALUES ('done', 1)",
          "CREATE TABLE bridge_staging.stage_old (x integer)",
          "INSERT INTO bridge.staging_leases (table_name, event_id, created_at) VALUES ('stage_old', 'old', LOCALTIMESTAMP - INTERVAL '2 hours')");
      f.runSync();
      assertEquals(List.of("stage_inflight"), f.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'bridge_staging'"),
          "the in-flight load (fresh lease) is kept; the orphan, the applied and the expired one are dropped");
      assertEquals(List.of("stage_inflight"), f.rows("SELECT table_name FROM bridge.staging_leases ORDER BY 1"));
    }
  }
}
