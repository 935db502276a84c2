package com.kwp.bridge.jdbc;

import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.OutcomeUnknownException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * One transaction on a connection the caller owns: autoCommit off, work, commit. A failure before the
 * commit rolls back; a failure of the commit itself is "outcome unknown" (the change may or may not be
 * durable) and must be resolved by reading a ledger, never by re-applying blindly.
 */
public final class Transactions {
  private Transactions() {}

  public static <T> T inTransaction(SqlRunner runner, String what, Function<SqlRunner, T> work) {
    Connection c = runner.connection();
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      throw runner.wrap(what + ": begin transaction", null, e);
    }
    T result;
    try {
      result = work.apply(runner);
    } catch (RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    }
    try {
      c.commit();
    } catch (SQLException e) {
      DatabaseException cause = runner.wrap(what + ": commit", null, e);
      throw new OutcomeUnknownException(what + ": the connection failed while committing; whether the change is in the target"
          + " is decided by the applied-events ledger", cause);
    }
    return result;
  }

  /**
   * The work in a transaction that is always rolled back (a dry run): everything it did is undone, its
   * result is returned, its failure thrown after the rollback.
   */
  public static <T> T inRolledBackTransaction(SqlRunner runner, String what, Function<SqlRunner, T> work) {
    Connection c = runner.connection();
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      throw runner.wrap(what + ": begin transaction", null, e);
    }
    try {
      return work.apply(runner);
    } finally {
      try {
        c.rollback();
      } catch (SQLException e) {
        throw runner.wrap(what + ": roll back", null, e);
      }
    }
  }

  /** Closes without throwing (a failed connection's close error adds nothing). */
  public static void closeQuietly(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException e) {
      // nothing useful to do: the work's outcome was already decided
    }
  }
}
