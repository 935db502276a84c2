package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.cli.BridgeCli;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * A distinctive secret in every place a credential can be configured (URL password, sslpassword,
 * trustStorePassword, keyStoreSecret, "; password = " with spaces, {braced;value}, and
 * *.properties.aadSecurePrincipalSecret), then show-params, test-connection, a SyncJob whose event fails and
 * a SyncJob that cannot connect: the secret appears nowhere in stdout, stderr, the bridge's log records,
 * exception messages, or the status, audit and events Delta tables.
 */
class SecretsLeakPostgresIT {
  static final String SECRET = "Zx9LeakCanary7";

  @Test
  void noSecretAppearsInAnyOutputLogMessageOrTable() throws Exception {
    StringBuilder seen = new StringBuilder();
    Handler logs = new Handler() {
      final SimpleFormatter fmt = new SimpleFormatter();

      @Override
      public void publish(LogRecord r) {
        synchronized (seen) {
          seen.append(fmt.format(r));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(logs);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
    try (TestDatabase db = TestDatabases.postgres()) {
      SyncFixture f = new SyncFixture(db);
      System.setOut(both);
      System.setErr(both);
      String pgUrl = db.url() + (db.url().contains("?") ? "&" : "?") + "sslpassword=" + SECRET + "&password=" + SECRET;
      String props = "properties { aadSecurePrincipalSecret = \"" + SECRET + "\", trustStorePassword = \"" + SECRET
          + "\", keyStoreSecret = \"" + SECRET + "\" }";

      // show-params with SQL Server spellings: spaces around the key, {braced;values}, and secrets in driver properties.
      Path showConf = Files.createDirectories(f.dir.resolve("show-conf"));
      Files.writeString(showConf.resolve("common.conf"), "source { url = \"jdbc:sqlserver://h:1433;databaseName=d; password = " + SECRET
          + ";keyStoreSecret={a;" + SECRET + "};trustStorePassword=" + SECRET + "\", password = \"" + SECRET + "\", " + props + " }\n");
      Files.writeString(showConf.resolve("Colombia.conf"), "params { country_code = CO, api_token = \"" + SECRET + "\" }\n");
      cli(seen, "show-params", "--config-path", showConf.toString(), "--country", "Colombia");

      // test-connection against the real database, secrets in the URL and the properties.
      Path pgConf = Files.createDirectories(f.dir.resolve("pg-conf"));
      Files.writeString(pgConf.resolve("common.conf"), "source { url = \"" + pgUrl + "\", username = postgres, " + props + " }\n");
      cli(seen, "test-connection", "--config-path", pgConf.toString());

      // A SyncJob whose event fails (missing target table), with the secret in the target URL and properties.
      Path syncConf = Files.createDirectories(f.dir.resolve("sync-conf"));
      String tables = "tables { events = \"" + f.tables.events() + "\", status = \"" + f.tables.status() + "\", audit = \"" + f.tables.audit() + "\" }";
      Files.writeString(syncConf.resolve("common.conf"), String.join("\n", "target { url = \"" + pgUrl + "\", username = postgres, " + props + " }",
          tables, "sync { checkpoint = \"" + f.checkpoint + "\" }", ""));
      Files.writeString(syncConf.resolve("permissions.conf"), f.permissionsText());
      String src = f.source("leak", SyncDirectScenarios.PANEL, List.of(SyncScenarios.panel(1, 1, "a", "1", null)));
      String id = f.submit("INSERT", src, "no_such_table", null, "team");
      // submit-event and events with the secret-laden target configured.
      cli(seen, "submit-event", "--config-path", syncConf.toString(), "--operation", "INSERT", "--source", src, "--target",
          db.schema() + ".no_such_table_either", "--principal", "team", "--option", "note=" + "x");
      f.stampLatest(f.identity("team"));
      RuntimeException failedRun = assertThrows(RuntimeException.class, () -> com.kwp.bridge.cli.SyncJobAccess.run(f.spark, syncConf));
      seen.append(messages(failedRun));
      assertTrue(failedRun.getMessage().contains(id), failedRun.getMessage());
      cli(seen, "events", "--config-path", syncConf.toString(), "--limit", "10");
      cli(seen, "events", "--config-path", syncConf.toString(), "--id", id);

      // A SyncJob that cannot even connect (wrong database): its failure names the URL, masked.
      Path badConf = Files.createDirectories(f.dir.resolve("bad-conf"));
      Files.writeString(badConf.resolve("common.conf"), String.join("\n", "target { url = \"" + pgUrl.replaceFirst("/[^/?]+\\?", "/no_such_db?")
          + "\", username = postgres, " + props + " }", tables, "sync { checkpoint = \"" + f.dir.resolve("cp2") + "\" }", ""));
      Files.writeString(badConf.resolve("permissions.conf"), f.permissionsText());
      RuntimeException noConnect = assertThrows(RuntimeException.class, () -> com.kwp.bridge.cli.SyncJobAccess.run(f.spark, badConf));
      seen.append(messages(noConnect));
      assertTrue(messages(noConnect).contains("no_such_db"), messages(noConnect));

      for (String table : List.of(f.tables.status(), f.tables.audit(), f.tables.events())) {
        f.spark.read().format("delta").load(table).toJSON().collectAsList().forEach(seen::append);
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(logs);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    out.print(printed);
    assertTrue(printed.contains("source.properties.aadSecurePrincipalSecret") && printed.contains("source OK"), printed);
    assertFalse(printed.contains(SECRET), "stdout/stderr leak:\n" + printed);
    assertFalse(seen.toString().contains(SECRET), "log, message or table leak:\n" + seen);
  }

  /** Runs a CLI command in this JVM; its printed output is captured by the redirected System.out. */
  static void cli(StringBuilder seen, String... args) {
    try {
      BridgeCli.main(args);
    } catch (RuntimeException e) {
      seen.append(messages(e));
      throw e;
    }
  }

  static String messages(Throwable t) {
    List<String> all = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.add(String.valueOf(c.getMessage()));
    }
    return String.join(" | ", all);
  }
}
