package com.kwp.bridge.error;

/** A principal asked for an action on a table it has no grant for (or beyond its delete limit). */
public class PermissionDeniedException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(ErrorClass.PERMISSION_DENIED, message);
  }

  public PermissionDeniedException(ErrorClass errorClass, String message) {
    super(errorClass, message);
  }
}
