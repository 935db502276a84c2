package com.kwp.bridge.client;

import com.kwp.bridge.error.ErrorClass;

/** The workspace did not accept the credentials (or none were found by the SDK's unified auth). */
public class RemoteAuthenticationException extends RemoteException {
  private static final long serialVersionUID = 1L;

  public RemoteAuthenticationException(String apiErrorCode, int httpStatus, String message, Throwable cause) {
    super(ErrorClass.CONFIG, apiErrorCode, httpStatus, message, cause);
  }
}
