package com.kwp.bridge.error;

/** Input that is well-formed but not acceptable (bad event, missing key column, NULL key, count mismatch). */
public class ValidationException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public ValidationException(String message) {
    super(ErrorClass.VALIDATION, message);
  }

  public ValidationException(ErrorClass errorClass, String message) {
    super(errorClass, message);
  }

  /** Throws when {@code condition} is false; message is a {@link String#format} pattern. */
  public static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new ValidationException(String.format(format, args));
    }
  }
}
