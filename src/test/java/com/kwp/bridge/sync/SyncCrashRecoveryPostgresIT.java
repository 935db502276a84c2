package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SyncJob killed in the middle of a batch (in a child JVM, while rows are being bulk-loaded: once its
 * staging table exists, or once its COPY into the target is running), then run again: nothing lost,
 * nothing doubled.
 */
class SyncCrashRecoveryPostgresIT {
  // Enough rows that the bulk load lasts far longer than the 50 ms poll that spots it.
  static final int ROWS = 300_000;

  @Test
  void aJobKilledWhileStagingAndRestartedAppliesTheEventExactlyOnce() throws Exception {
    killedMidLoad("staged", "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'bridge_staging'");
  }

  @Test
  void aJobKilledDuringItsDirectInsertAndRestartedAppliesTheEventExactlyOnce() throws Exception {
    killedMidLoad("direct", "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY %crash%'");
  }

  /** {@code loading} counts something present only while the child's bulk load runs. */
  private static void killedMidLoad(String insertMode, String loading) throws Exception {
    try (TestDatabase db = TestDatabases.postgres()) {
      SyncFixture f = new SyncFixture(db);
      db.execute("CREATE TABLE " + db.qualified("crash") + " (id bigint PRIMARY KEY, label text)");
      String source = f.dir.resolve("src_crash").toString();
      f.spark.range(1, ROWS + 1).selectExpr("id", "concat('row ', id) AS label").write().format("delta").save(source);
      String id = f.submit("INSERT", source, "crash", null, "team");
      Path conf = writeConf(f, "bulk.insert = " + insertMode);

      Process child = startChild(conf, f.dir);
      boolean loadingSeen = awaitNonZero(db, loading, child, Duration.ofSeconds(240));
      child.destroyForcibly().waitFor();
      assertTrue(loadingSeen, "the child reached the bulk load (see " + f.dir.resolve("child.log") + ")");
      assertEquals(0L, db.count(db.qualified("crash")), "the kill happened before the final transaction");

      com.kwp.bridge.cli.SyncJobAccess.run(f.spark, conf);
      assertEquals((long) ROWS, db.count(db.qualified("crash")));
      assertEquals(1L, f.ledgerRows(id));
      assertEquals("completed", f.status(id).getAs("status"));
      assertEquals(List.of("0"), f.rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'bridge_staging'"));
    }
  }

  static Path writeConf(SyncFixture f, String syncSetting) throws Exception {
    Path conf = Files.createDirectories(f.dir.resolve("conf"));
    Files.writeString(conf.resolve("common.conf"), String.join("\n",
        "target { url = \"" + f.db.url() + "\", username = postgres }",
        "tables { events = \"" + f.tables.events() + "\", status = \"" + f.tables.status() + "\", audit = \"" + f.tables.audit() + "\" }",
        "sync { checkpoint = \"" + f.checkpoint + "\", " + syncSetting + " }", ""));
    Files.writeString(conf.resolve("permissions.conf"), f.permissionsText());
    return conf;
  }

  static Process startChild(Path conf, Path dir) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(cmd::add);
    cmd.addAll(List.of("-Xmx1g", "-Dbridge.spark.warehouse=" + dir.resolve("child-warehouse"), "-cp", System.getProperty("java.class.path"),
        "com.kwp.bridge.cli.SyncJob", "--config-path", conf.toString(), "--run-id", "child-run"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
    pb.environment().putAll(Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
    return pb.start();
  }

  /** Waits (bounded) until {@code countSql} counts something; false if the child ended or time ran out. */
  static boolean awaitNonZero(TestDatabase db, String countSql, Process child, Duration max) throws InterruptedException {
    Instant deadline = Instant.now().plus(max);
    while (Instant.now().isBefore(deadline) && child.isAlive()) {
      List<String> n = db.query(countSql, rs -> {
        try {
          return rs.getString(1);
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      if (!n.get(0).equals("0")) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
