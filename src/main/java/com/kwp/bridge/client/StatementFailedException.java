package com.kwp.bridge.client;

import com.kwp.bridge.error.ErrorClass;

/** A SQL statement reached the warehouse and failed there (state FAILED), or was canceled or closed. */
public class StatementFailedException extends RemoteException {
  private static final long serialVersionUID = 1L;

  public StatementFailedException(String apiErrorCode, int httpStatus, String message, Throwable cause) {
    super(ErrorClass.DATABASE, apiErrorCode, httpStatus, message, cause);
  }
}
