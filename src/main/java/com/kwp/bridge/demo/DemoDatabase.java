package com.kwp.bridge.demo;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.security.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The demo's source: an embedded PostgreSQL (binaries from Maven Central, nothing installed by hand) with one
 * database per country shaped like the SQL Server ones ({@code KWP_Colombia.dbo.J_Ventas_CO}), so the sample
 * {@code conf/} and {@code queries/} run unchanged. PostgreSQL folds unquoted names to lower case.
 */
public final class DemoDatabase implements AutoCloseable {
  private final EmbeddedPostgres server;

  private DemoDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  public static DemoDatabase start() {
    try {
      return new DemoDatabase(EmbeddedPostgres.builder().setServerConfig("fsync", "off").start());
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
    }
  }

  /** Creates {@code database} with dbo.{salesTable} ({@code rows} rows) and dbo.productos for {@code code}. */
  public ConnectionConfig seed(String database, String salesTable, String code, int rows) {
    exec(admin(), "CREATE DATABASE " + database);
    ConnectionConfig db = connection(database);
    exec(db,
        "CREATE SCHEMA dbo",
        "CREATE TABLE dbo." + salesTable + " (id_transaccion bigint PRIMARY KEY, \"id hogar\" integer, pais char(2) NOT NULL,"
            + " fecha date NOT NULL, fecha_hora timestamp, factor_rw1 numeric(12,6), monto_total numeric(18,2), \"año\" integer)",
        // Deterministic values; every 10th household and every 7th factor NULL; some rows before start_date.
        "INSERT INTO dbo." + salesTable + " SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE g % 5000 + 1 END, '" + code + "',"
            + " DATE '2023-12-01' + (g % 400), TIMESTAMP '2023-12-01 08:00:00' + (g % 400) * INTERVAL '1 day' + (g % 600) * INTERVAL '1 minute',"
            + " CASE WHEN g % 7 = 0 THEN NULL ELSE round((g % 997) / 500.0, 6) END, round((g * 13.37) % 100000, 2),"
            + " extract(year FROM DATE '2023-12-01' + (g % 400))::int FROM generate_series(1, " + rows + ") g",
        "CREATE TABLE dbo.productos (id_producto integer PRIMARY KEY, nombre text, categoria text, precio_unitario numeric(10,2), pais char(2))",
        "INSERT INTO dbo.productos SELECT g, 'Producto ' || g, CASE WHEN g % 3 = 0 THEN 'Bebidas' WHEN g % 3 = 1 THEN 'Lácteos' ELSE NULL END,"
            + " round(g * 1.75, 2), '" + code + "' FROM generate_series(1, 50) g");
    return db;
  }

  public ConnectionConfig connection(String database) {
    return new ConnectionConfig("demo", server.getJdbcUrl("postgres", database.toLowerCase(java.util.Locale.ROOT)), "postgres", Secret.empty(), Map.of());
  }

  private ConnectionConfig admin() {
    return connection("postgres");
  }

  private static void exec(ConnectionConfig cfg, String... statements) {
    try (Connection c = JdbcConnections.open(cfg); Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("demo seed failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("stopping the embedded PostgreSQL failed", e);
    }
  }
}
