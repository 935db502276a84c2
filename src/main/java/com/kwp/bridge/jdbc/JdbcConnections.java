package com.kwp.bridge.jdbc;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.security.Redactor;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** Opens connections from a {@link ConnectionConfig}; failures never carry the password. */
public final class JdbcConnections {
  private JdbcConnections() {}

  /** Opens a connection; a failure names the redacted URL and says whether it may be retried. */
  public static Connection open(ConnectionConfig cfg) {
    SqlDialect dialect = Dialects.forUrl(cfg.url());
    loadDriver(dialect);
    try {
      return DriverManager.getConnection(cfg.url(), cfg.driverProperties());
    } catch (SQLException e) {
      String msg = Redactor.scrub(e.getMessage(), List.of(cfg.password()));
      SQLException clean = new SQLException(msg, e.getSQLState(), e.getErrorCode());
      throw new DatabaseException("connect to " + cfg.name() + " " + cfg.redactedUrl(), null, clean, dialect.isTransient(e));
    }
  }

  private static void loadDriver(SqlDialect dialect) {
    try {
      Class.forName(dialect.driverClass());
    } catch (ClassNotFoundException e) {
      throw new BridgeException(ErrorClass.CONNECTION, "JDBC driver " + dialect.driverClass() + " is not on the classpath", e);
    }
  }

  /** The driver name and version actually loaded (Databricks runtimes ship their own mssql-jdbc). */
  public static String driverVersion(ConnectionConfig cfg) {
    SqlDialect dialect = Dialects.forUrl(cfg.url());
    loadDriver(dialect);
    try {
      Driver d = DriverManager.getDriver(cfg.url());
      String where = d.getClass().getProtectionDomain().getCodeSource() == null
          ? "?" : String.valueOf(d.getClass().getProtectionDomain().getCodeSource().getLocation());
      return d.getClass().getName() + " " + d.getMajorVersion() + "." + d.getMinorVersion() + " from " + where;
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
