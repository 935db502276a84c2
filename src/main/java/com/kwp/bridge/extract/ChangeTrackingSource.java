package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.PostgresReadSql;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.ChangeTrackingException;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.jdbc.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver-side questions {@code mode = changes} asks the source about one table: is it ready (every
 * missing piece named), which version is current, which is the oldest still readable. Small results only.
 */
public final class ChangeTrackingSource {
  private final ConnectionConfig source;
  private final SqlDialect dialect;

  public ChangeTrackingSource(ConnectionConfig source, SqlDialect dialect) {
    this.source = source;
    this.dialect = dialect;
  }

  /**
   * What is missing before {@code table} can be read by changes, one sentence each saying what to run;
   * empty when nothing is. {@code what} names the table for the messages.
   */
  public List<String> missing(TableName table, TableMetadata metadata) {
    String name = dialect.names().renderName(table);
    boolean sqlServer = dialect.name().equals("sqlserver");
    List<String> out = new ArrayList<>();
    if (table.catalog() != null) {
      out.add(name + " is in another database; connect to that database (databaseName=" + table.catalog()
          + "), since change versions are per database");
      return out;
    }
    boolean[] flags;
    SqlStatement st = dialect.catalog().changeTrackingStatusQuery(table);
    try (Connection c = JdbcConnections.open(source)) {
      flags = new SqlRunner(c, dialect).query("check change tracking of " + name, st,
          rs -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)}).get(0);
    } catch (SQLException | DatabaseException e) {
      throw new ChangeTrackingException(name, ChangeTrackingException.Reason.NOT_READY, "cannot check change tracking of " + name
          + " (" + e.getMessage().lines().findFirst().orElse("") + "); this server may have no change tracking (Babelfish has none):"
          + " use another mode for this table", e);
    }
    if (!flags[0]) {
      out.add("change tracking is off for the database: run ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON"
          + " (CHANGE_RETENTION = 7 DAYS, AUTO_CLEANUP = ON)");
    }
    if (!flags[1]) {
      out.add(sqlServer
          ? "change tracking is off for " + name + ": run " + String.join("; ", dialect.reads().changeTrackingSetup(table, List.of()))
          : name + " has no change log: create " + dialect.names().renderName(PostgresReadSql.changeLog(table))
              + " and its trigger with the DDL of the README (Changes mode)");
    }
    if (metadata.primaryKey().isEmpty()) {
      out.add(name + " has no primary key: mode = changes merges rows by it; add one or use another mode");
    }
    if (flags[1] && !flags[2]) { // a right to a log that does not exist yet says nothing
      out.add(sqlServer
          ? "the login may not read the changes of " + name + ": GRANT VIEW CHANGE TRACKING ON " + name + " TO <login>"
          : "the login may not read and lock the change log: GRANT SELECT, UPDATE ON "
              + dialect.names().renderName(PostgresReadSql.changeLog(table)) + " TO <login>");
    }
    if (!flags[3]) {
      out.add("the login may not read " + name + ": GRANT SELECT ON " + name + " TO <login>");
    }
    return out;
  }

  /**
   * The version every change committed so far is at or below. Where the dialect needs it, the log is locked
   * first in the same short transaction, so no uncommitted change can sit below the version read.
   */
  public long currentVersion(TableName table) {
    String lock = dialect.reads().changeVersionLock(table);
    SqlStatement read = SqlStatement.of(dialect.reads().changeCurrentVersionQuery(table));
    try (Connection c = JdbcConnections.open(source)) {
      SqlRunner runner = new SqlRunner(c, dialect);
      if (lock == null) {
        return version(runner, "read the current change version", read);
      }
      return Transactions.inTransaction(runner, "read the current change version", r -> {
        r.execute("lock the change log", SqlStatement.of(lock));
        return version(r, "read the current change version", read);
      });
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("close connection", null, e);
    }
  }

  /** The oldest version a destination may be at and still read every later change. */
  public long minValidVersion(TableName table) {
    try (Connection c = JdbcConnections.open(source)) {
      return version(new SqlRunner(c, dialect), "read the minimum valid change version",
          SqlStatement.of(dialect.reads().changeMinValidVersionQuery(table)));
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("close connection", null, e);
    }
  }

  private static long version(SqlRunner runner, String what, SqlStatement st) {
    Long v = runner.query(what, st, rs -> {
      long n = rs.getLong(1);
      return rs.wasNull() ? null : n;
    }).get(0);
    if (v == null) {
      throw new IllegalStateException(what + " returned NULL: change tracking is not enabled on the table (any more)");
    }
    return v;
  }
}
