package com.kwp.bridge.dialect;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/** The ANSI default: double-quoted identifiers, standard statements; vendors extend it. */
public class AnsiDialect implements SqlDialect {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "ansi";
  }

  @Override
  public String driverClass() {
    throw new UnsupportedOperationException("the ANSI dialect has no driver; use a vendor dialect");
  }

  @Override
  public String quoteIdentifier(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Connection-class SQLStates (08xxx) and SQLTransientException are transient everywhere. */
  @Override
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

  /** One exception in the chain, by SQLState or vendor code; vendors add their numbers. */
  protected boolean isTransientCode(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("40001"));
  }
}
