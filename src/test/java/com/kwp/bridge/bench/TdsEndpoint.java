package com.kwp.bridge.bench;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.security.Secret;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TDS endpoint (SQL Server's wire protocol) the benchmark adds rows for, named by the integration suite's
 * {@code BRIDGE_TEST_SQLSERVER_*} variables. Settings are appended to the URL, so the bridge and Spark's reader
 * get the same ones.
 */
record TdsEndpoint(String url, String user, Secret password) {
  /** mssql-jdbc's own defaults, spelt out: the settings the load, the sync rows and the fetch-settings profile start from. */
  static final String DRIVER_DEFAULTS = ";responseBuffering=adaptive;selectMethod=direct;packetSize=8000";

  /**
   * The fetch settings the extract rows choose from ({@link TdsBench}: each drains the table, the fastest is
   * the limit and every extract path's): the defaults, the largest packet, the whole response buffered, and a
   * server cursor fetching 10,000 rows at a time (the bridge's fetch size).
   */
  static final List<String> FETCH_CANDIDATES = List.of(DRIVER_DEFAULTS, ";responseBuffering=adaptive;selectMethod=direct;packetSize=32767",
      ";responseBuffering=full;selectMethod=direct;packetSize=32767", ";responseBuffering=adaptive;selectMethod=cursor;packetSize=32767");

  /** The endpoint the variables name, or empty when {@code BRIDGE_TEST_SQLSERVER_URL} is unset (CI, BenchHarnessIT). */
  static Optional<TdsEndpoint> fromEnv() {
    if (!TestDatabases.sqlServerAvailable()) {
      return Optional.empty();
    }
    return Optional.of(new TdsEndpoint(System.getenv(TestDatabases.SQLSERVER_URL_ENV), System.getenv(TestDatabases.SQLSERVER_USER_ENV),
        Secret.of(System.getenv(TestDatabases.SQLSERVER_PASSWORD_ENV))));
  }

  /** The endpoint with {@code settings} appended to its URL. */
  ConnectionConfig connection(String settings) {
    return new ConnectionConfig("bench-tds", url + settings, user, password, Map.of());
  }

  /** A fresh schema {@code bench_<random>} for this run's tables, dropped with them on close; the driver's default settings. */
  TestDatabase database() {
    return TestDatabases.sqlServer(connection(DRIVER_DEFAULTS), "bench");
  }

  /** {@code @@VERSION} on one line. */
  static String version(TestDatabase db) {
    return db.query("SELECT @@VERSION", rs -> {
      try {
        return rs.getString(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get(0).replaceAll("\\s+", " ").trim();
  }

  /** How the TDS rows are labelled: what the engine behind the TDS front is, so no one reads them as SQL Server's. */
  static String label(String version) {
    Matcher bbf = Pattern.compile("PostgreSQL (\\d[\\d.]*) .*\\(Babelfish ([^)]+)\\)").matcher(version);
    if (bbf.find()) {
      return "TDS (Babelfish " + bbf.group(2) + " on PostgreSQL " + bbf.group(1) + "): client-path ratios over a PostgreSQL engine"
          + " behind a TDS front, not SQL Server's engine";
    }
    return "TDS (" + version.replaceFirst(" - .*", "") + ")";
  }

  /**
   * The server's CPU when it is a PostgreSQL (Babelfish) on this machine: {@code @@SPID} is then the backend's
   * process id and its parent the postmaster. On anything else (a real SQL Server, a remote host) NaN.
   */
  static PostgresCpu cpu(TestDatabase db) {
    if (!db.url().matches("jdbc:sqlserver://(127\\.0\\.0\\.1|localhost)[:;].*")) {
      return new PostgresCpu(-1);
    }
    long spid = db.query("SELECT @@SPID", rs -> {
      try {
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get(0);
    try {
      String comm = Files.readString(Path.of("/proc", Long.toString(spid), "comm")).trim();
      String stat = Files.readString(Path.of("/proc", Long.toString(spid), "stat"));
      long ppid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
      return comm.startsWith("postgres") ? new PostgresCpu(ppid) : new PostgresCpu(-1);
    } catch (java.io.IOException | RuntimeException e) {
      return new PostgresCpu(-1);
    }
  }
}
