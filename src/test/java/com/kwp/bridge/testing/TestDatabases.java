package com.kwp.bridge.testing;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.security.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts the embedded PostgreSQL once per JVM (binaries come from Maven Central) and hands out fresh
 * databases on it; or connects to a real SQL Server when {@code BRIDGE_TEST_SQLSERVER_URL} is set.
 */
public final class TestDatabases {
  /** JDBC URL of a SQL Server to run the integration suite against (user/password may be in the URL or in the two variables below). */
  public static final String SQLSERVER_URL_ENV = "BRIDGE_TEST_SQLSERVER_URL";
  public static final String SQLSERVER_USER_ENV = "BRIDGE_TEST_SQLSERVER_USER";
  public static final String SQLSERVER_PASSWORD_ENV = "BRIDGE_TEST_SQLSERVER_PASSWORD";

  private static EmbeddedPostgres server;

  private TestDatabases() {}

  /** The shared embedded server, started on first use and stopped when the JVM exits. */
  public static synchronized EmbeddedPostgres embeddedServer() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the data directory is temporary
        }
      }));
    }
    return server;
  }

  /** A fresh, empty PostgreSQL database on the embedded server. */
  public static TestDatabase postgres() {
    EmbeddedPostgres pg = embeddedServer();
    String db = TestDatabase.uniqueName("bridge_test");
    String adminUrl = pg.getJdbcUrl("postgres", "postgres");
    ConnectionConfig admin = new ConnectionConfig("test-admin", adminUrl, "postgres", Secret.empty(), Map.of());
    TestDatabase adminDb = new Simple(admin, "public", () -> {});
    adminDb.execute("CREATE DATABASE " + db);
    ConnectionConfig cfg = new ConnectionConfig("test", pg.getJdbcUrl("postgres", db), "postgres", Secret.empty(), Map.of());
    return new Simple(cfg, "public", () -> adminDb.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"));
  }

  /** True when a real SQL Server was given for the integration suite. */
  public static boolean sqlServerAvailable() {
    String url = System.getenv(SQLSERVER_URL_ENV);
    return url != null && !url.isBlank();
  }

  /** A fresh schema on the SQL Server named by {@value #SQLSERVER_URL_ENV}. */
  public static TestDatabase sqlServer() {
    String url = System.getenv(SQLSERVER_URL_ENV);
    return sqlServer(new ConnectionConfig("test", url, System.getenv(SQLSERVER_USER_ENV),
        Secret.of(System.getenv(SQLSERVER_PASSWORD_ENV)), Map.of()), "bridge_test");
  }

  /** A fresh schema named {@code prefix_<random>} on the SQL Server {@code cfg} connects to, dropped with its tables on close. */
  public static TestDatabase sqlServer(ConnectionConfig cfg, String prefix) {
    String schema = TestDatabase.uniqueName(prefix);
    Simple probe = new Simple(cfg, schema, () -> {});
    probe.execute("CREATE SCHEMA [" + schema + "]");
    return new Simple(cfg, schema, () -> probe.execute(dropSchemaSql(schema)));
  }

  /** True when {@code db} is Babelfish for PostgreSQL (its {@code @@VERSION} says so), a TDS front that is not SQL Server. */
  public static boolean isBabelfish(TestDatabase db) {
    return db.query("SELECT @@VERSION", rs -> {
      try {
        return rs.getString(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get(0).toLowerCase(java.util.Locale.ROOT).contains("babelfish");
  }

  /** {@code db}'s schema through another connection (other settings, same server); closing it drops nothing. */
  public static TestDatabase sameSchema(TestDatabase db, ConnectionConfig cfg) {
    return new Simple(cfg, db.schema(), () -> {});
  }

  /**
   * Drops every table of a test schema, then the schema. STRING_AGG (SQL Server 2017+), not
   * {@code SELECT @sql += ... FROM sys.tables}: Microsoft documents aggregate concatenation by variable
   * assignment as undefined.
   */
  public static String dropSchemaSql(String schema) {
    return "DECLARE @sql nvarchar(max);"
        + " SELECT @sql = STRING_AGG(CAST(N'DROP TABLE [" + schema + "].' + QUOTENAME(name) AS nvarchar(max)), N'; ')"
        + " FROM sys.tables WHERE schema_id = SCHEMA_ID('" + schema + "');"
        + " IF @sql IS NOT NULL EXEC sp_executesql @sql;"
        + " DROP SCHEMA [" + schema + "];";
  }

  private record Simple(ConnectionConfig connection, String schema, Runnable dropper) implements TestDatabase {
    @Override
    public void close() {
      dropper.run();
    }
  }
}
