package com.kwp.bridge.cli;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.security.Secret;
import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.sync.BridgeOperator;
import com.kwp.bridge.sync.SyncEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code demo-sync}: the whole SyncJob loop on this machine. Starts an embedded PostgreSQL as the target,
 * seeds a source Delta table, submits INSERT, UPSERT, DELETE, a dry run, a REPLACE and one unauthorised event,
 * runs SyncJob with the available-now trigger, then prints every event's status and the target's rows.
 */
final class DemoSyncCommand implements Command {
  private static final String TARGET = "public.calibration_results";
  private static final String SNAPSHOT = "public.panel_snapshot";

  @Override
  public String name() {
    return "demo-sync";
  }

  @Override
  public String summary() {
    return "local demo: embedded PostgreSQL + local Spark, submit events, run SyncJob, show statuses and rows";
  }

  @Override
  public void run(String[] args) {
    if (args.length > 0) {
      System.out.println("usage: bridge demo-sync   (no options; everything lives in a temporary folder)");
      return;
    }
    Path dir = null;
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      dir = Files.createTempDirectory("bridge-demo-sync");
      Path conf = writeConfig(dir, pg.getJdbcUrl("postgres", "postgres"));
      ConnectionConfig target = new ConnectionConfig("target", pg.getJdbcUrl("postgres", "postgres"), "postgres", Secret.empty(), Map.of());
      sql(target, "CREATE TABLE " + TARGET + " (\"id hogar\" integer NOT NULL, periodo integer NOT NULL, peso numeric(18,4),"
          + " etiqueta text, PRIMARY KEY (\"id hogar\", periodo))");
      sql(target, "CREATE TABLE " + SNAPSHOT + " (\"id hogar\" integer NOT NULL, periodo integer NOT NULL, peso numeric(18,4),"
          + " etiqueta text, PRIMARY KEY (\"id hogar\", periodo))");
      sql(target, "INSERT INTO " + SNAPSHOT + " VALUES (1, 202312, 1, 'old'), (2, 202312, 2, 'old'), (3, 202312, 3, 'old')");
      SparkSession spark = SparkSessions.obtain("bridge-demo-sync");
      try {
        demo(spark, conf, dir, target);
      } finally {
        SparkSessions.releaseIfLocal(spark);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("demo-sync could not start its embedded PostgreSQL or temp folder", e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
        System.out.println("\nremoved the temporary folder " + dir);
      }
    }
  }

  /** Removes the demo's temporary folder (tables, checkpoint, config) as the README promises. */
  static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.out.println("could not remove " + dir + ": " + e.getMessage());
    }
  }

  private void demo(SparkSession spark, Path conf, Path dir, ConnectionConfig target) {
    SyncEngine engine = SyncEngine.fromConfig(conf, Map.of(), "demo-run");
    BridgeOperator op = new BridgeOperator(spark, engine);
    String base = seed(spark, dir.resolve("calibrated_panel").toString(),
        "SELECT CAST(id AS INT) AS `id hogar`, 202401 AS periodo, CAST(id / 7.0 AS DECIMAL(18,4)) AS peso, concat('hogar ', id) AS etiqueta FROM range(1, 1001)");
    String changes = seed(spark, dir.resolve("corrections").toString(),
        "SELECT * FROM VALUES (5, 202401, CAST(9.5 AS DECIMAL(18,4)), 'corregido ñ'), (2000, 202401, CAST(1 AS DECIMAL(18,4)), 'nuevo')"
            + " AS v(`id hogar`, periodo, peso, etiqueta)");
    String removals = seed(spark, dir.resolve("removals").toString(),
        "SELECT * FROM VALUES (7, 202401) AS v(`id hogar`, periodo)");
    List<String> keys = List.of("id hogar", "periodo");
    System.out.println("submitted " + op.submitEvent("INSERT", base, TARGET, null, null, "demo") + " INSERT 1000 rows");
    System.out.println("submitted " + op.submitEvent("UPSERT", changes, TARGET, keys, null, "demo") + " UPSERT 2 rows");
    System.out.println("submitted " + op.submitEvent("DELETE", removals, TARGET, keys, null, "demo") + " DELETE 1 row");
    com.kwp.bridge.sync.EventSubmitter submitter = new com.kwp.bridge.sync.EventSubmitter(com.kwp.bridge.lake.TableRef.of(engine.tables().events()));
    System.out.println("submitted " + submitter.submit(spark, com.kwp.bridge.sync.EventSubmitter.newEvent("DELETE", base, TARGET, keys, null,
        "demo", Map.of("dry_run", "true"))) + " DELETE 1000 rows as a dry run (over max_delete_rows: previewed with the error, nothing deleted)");
    System.out.println("submitted " + op.submitEvent("REPLACE", base, SNAPSHOT, null, null, "demo") + " REPLACE " + SNAPSHOT
        + " (3 old rows) by the 1000 source rows, in one transaction");
    // A producer writing the events table directly, naming a principal that has no entry: SyncJob rejects it.
    System.out.println("submitted " + new com.kwp.bridge.sync.EventSubmitter(com.kwp.bridge.lake.TableRef.of(engine.tables().events()))
        .submit(spark, com.kwp.bridge.sync.EventSubmitter.newEvent("INSERT", base, TARGET, null, null, "intruder", Map.of()))
        + " INSERT by an unknown principal");
    System.out.println("\nrunning SyncJob (available-now) ...");
    SyncJob.run(spark, engine);
    System.out.println("\nevent statuses:");
    op.listSyncEvents(null, 20).forEach(r -> System.out.println("  " + EventsCommand.format(r, false)));
    System.out.println("\nwhy events were not applied:");
    op.listSyncEvents(null, 20).stream().filter(r -> r.getAs("error_class") != null)
        .forEach(r -> System.out.println("  " + r.getAs("event_id") + " " + r.getAs("status") + " (" + r.getAs("error_class") + "): "
            + r.getAs("error_message")));
    System.out.println("\n" + TARGET + " (first rows):");
    query(target, "SELECT \"id hogar\", periodo, peso, etiqueta FROM " + TARGET + " ORDER BY 1 LIMIT 8");
    query(target, "SELECT COUNT(*) AS rows_in_target FROM " + TARGET);
    query(target, "SELECT COUNT(*) AS rows_in_snapshot, MIN(periodo) AS periodo FROM " + SNAPSHOT);
    System.out.println("\na dry run through the operator API (nothing changes):");
    com.kwp.bridge.sync.EventOutcome preview = op.previewSync(changes, TARGET, "UPSERT", keys, "demo");
    System.out.println("  " + preview.status().value() + ": would insert " + preview.counts().inserted() + ", update "
        + preview.counts().updated() + " (rows affected " + preview.rowsAffected() + ")");
    query(target, "SELECT event_id, rows_affected FROM bridge.applied_events ORDER BY applied_at");
  }

  private static String seed(SparkSession spark, String path, String select) {
    // Column mapping lets Delta keep the space in "id hogar".
    spark.conf().set("spark.databricks.delta.properties.defaults.columnMapping.mode", "name");
    try {
      spark.sql(select).write().format("delta").mode("overwrite").save(path);
    } finally {
      spark.conf().unset("spark.databricks.delta.properties.defaults.columnMapping.mode");
    }
    return path;
  }

  private static Path writeConfig(Path dir, String url) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("common.conf"), String.join("\n",
        "target { url = \"" + url + "\", username = postgres }",
        "tables {",
        "  events = \"" + dir.resolve("bridge_events") + "\"",
        "  status = \"" + dir.resolve("bridge_event_status") + "\"",
        "  audit = \"" + dir.resolve("bridge_audit") + "\"",
        "}",
        // Open-source Delta records no commit user, so the demo takes principals from requested_by (never on Databricks).
        "sync { checkpoint = \"" + dir.resolve("checkpoint") + "\", fail-on-event-errors = false, identity = declared }", ""));
    Files.writeString(conf.resolve("permissions.conf"), "principals { \"demo@example.com\" { name = demo, sources = [\"" + dir + "/*\"],"
        + " targets = [ { table = \"public.calibration_results\", access = read_write, max_delete_rows = 100 },"
        + " { table = \"" + SNAPSHOT + "\", access = write, replace = true } ] } }\n");
    return conf;
  }

  private static void sql(ConnectionConfig c, String statement) {
    try (Connection conn = JdbcConnections.open(c); Statement st = conn.createStatement()) {
      st.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("demo setup failed: " + e.getMessage(), e);
    }
  }

  private static void query(ConnectionConfig c, String select) {
    try (Connection conn = JdbcConnections.open(c); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(select)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder("  ");
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? " | " : "").append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i));
        }
        System.out.println(sb);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("demo query failed: " + e.getMessage(), e);
    }
  }
}
