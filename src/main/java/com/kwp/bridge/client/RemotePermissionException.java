package com.kwp.bridge.client;

import com.kwp.bridge.error.ErrorClass;

/** The caller's identity lacks a permission; the message names the permission and the object. */
public class RemotePermissionException extends RemoteException {
  private static final long serialVersionUID = 1L;

  public RemotePermissionException(String apiErrorCode, int httpStatus, String message, Throwable cause) {
    super(ErrorClass.PERMISSION_DENIED, apiErrorCode, httpStatus, message, cause);
  }
}
