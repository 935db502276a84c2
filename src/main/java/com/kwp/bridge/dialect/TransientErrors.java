package com.kwp.bridge.dialect;

import java.io.Serializable;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which failures are worth retrying (deadlock, lock timeout, lost connection, throttling): connection-class
 * SQLStates (08xxx), serialization failure (40001) and SQLTransientException everywhere, plus each
 * database's own SQLStates and vendor error numbers.
 */
public final class TransientErrors implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Deadlock, serialization failure, too many connections, admin shutdown, lock not available. */
  static final TransientErrors POSTGRES = new TransientErrors(Set.of("40P01", "40001", "53300", "57P01", "57P02", "57P03", "55P03"), Set.of());

  /**
   * Transient SQL Server / Azure SQL error numbers: deadlock victim 1205, lock timeout 1222, out of lock
   * resources 1204, database unavailable 4060/4221, and Azure SQL throttling/failover codes.
   * https://learn.microsoft.com/azure/azure-sql/database/troubleshoot-common-errors-issues
   */
  static final TransientErrors SQLSERVER = new TransientErrors(Set.of(),
      Set.of(1205, 1222, 1204, 4060, 4221, 40197, 40501, 40613, 40143, 40540, 40020, 40166, 49918, 49919, 49920, 10928, 10929));

  private final Set<String> sqlStates;
  private final Set<Integer> vendorCodes;

  private TransientErrors(Set<String> sqlStates, Set<Integer> vendorCodes) {
    this.sqlStates = sqlStates;
    this.vendorCodes = vendorCodes;
  }

  /** True when any exception in the cause chain, or in a chained batch failure, is transient. */
  public boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        if (s instanceof SQLTransientException || isTransientCode(s)) {
          return true;
        }
        for (SQLException next = s.getNextException(); next != null; next = next.getNextException()) {
          if (isTransientCode(next)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean isTransientCode(SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || state.equals("40001") || sqlStates.contains(state))) {
      return true;
    }
    return vendorCodes.contains(e.getErrorCode());
  }
}
