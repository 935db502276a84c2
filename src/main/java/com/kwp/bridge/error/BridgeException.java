package com.kwp.bridge.error;

/** Root of every failure the bridge raises on purpose; carries the category recorded in status tables. */
public class BridgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorClass errorClass;

  public BridgeException(ErrorClass errorClass, String message) {
    super(message);
    this.errorClass = errorClass;
  }

  public BridgeException(ErrorClass errorClass, String message, Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }
}
