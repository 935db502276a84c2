package com.kwp.bridge.error;

/**
 * {@code mode = changes} cannot go on for one table: the source is not ready (change tracking off, no
 * primary key, a missing permission: every missing piece on its own line), or the destination's version is
 * stale. Raised before any data moves.
 */
public final class ChangeTrackingException extends BridgeException {
  private static final long serialVersionUID = 1L;

  /** Why the table was stopped. */
  public enum Reason {
    NOT_READY,
    STALE
  }

  private final String table;
  private final Reason reason;

  public ChangeTrackingException(String table, Reason reason, String message) {
    super(ErrorClass.CONFIG, message);
    this.table = table;
    this.reason = reason;
  }

  public ChangeTrackingException(String table, Reason reason, String message, Throwable cause) {
    super(ErrorClass.CONFIG, message, cause);
    this.table = table;
    this.reason = reason;
  }

  /** The source table, as rendered in SQL. */
  public String table() {
    return table;
  }

  public Reason reason() {
    return reason;
  }
}
