package com.kwp.bridge.error;

import java.sql.SQLException;

/**
 * A database call failed. Carries the operation, the statement text (never values), SQLState and vendor
 * code, and whether the dialect judged it transient (worth retrying).
 */
public class DatabaseException extends BridgeException {
  private static final long serialVersionUID = 1L;
  private final String operation;
  private final String statement;
  private final String sqlState;
  private final int vendorCode;
  private final boolean isTransient;

  public DatabaseException(String operation, String statement, SQLException cause, boolean isTransient) {
    super(
        isTransient ? ErrorClass.TRANSIENT : ErrorClass.DATABASE,
        describe(operation, statement, cause),
        cause);
    this.operation = operation;
    this.statement = statement;
    this.sqlState = cause.getSQLState();
    this.vendorCode = cause.getErrorCode();
    this.isTransient = isTransient;
  }

  private static String describe(String operation, String statement, SQLException cause) {
    StringBuilder sb = new StringBuilder(operation).append(" failed: ").append(cause.getMessage());
    sb.append(" [SQLState ").append(cause.getSQLState()).append(", code ").append(cause.getErrorCode()).append(']');
    if (statement != null && !statement.isBlank()) {
      sb.append(" while running: ").append(statement.length() > 2000 ? statement.substring(0, 2000) + "..." : statement);
    }
    return sb.toString();
  }

  public String operation() {
    return operation;
  }

  public String statement() {
    return statement;
  }

  public String sqlState() {
    return sqlState;
  }

  public int vendorCode() {
    return vendorCode;
  }

  public boolean isTransient() {
    return isTransient;
  }
}
