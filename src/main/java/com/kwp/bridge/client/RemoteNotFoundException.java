package com.kwp.bridge.client;

import com.kwp.bridge.error.ErrorClass;

/** The job, run, warehouse or event asked for does not exist (or is not visible to the caller). */
public class RemoteNotFoundException extends RemoteException {
  private static final long serialVersionUID = 1L;

  public RemoteNotFoundException(String apiErrorCode, int httpStatus, String message, Throwable cause) {
    super(ErrorClass.CONFIG, apiErrorCode, httpStatus, message, cause);
  }
}
