package com.kwp.bridge.client;

import com.kwp.bridge.error.ErrorClass;

/** The workspace stayed unavailable (429, 503, timeouts) after the SDK's own retries, or a statement did not finish in time. */
public class RemoteUnavailableException extends RemoteException {
  private static final long serialVersionUID = 1L;

  public RemoteUnavailableException(String apiErrorCode, int httpStatus, String message, Throwable cause) {
    super(ErrorClass.TRANSIENT, apiErrorCode, httpStatus, message, cause);
  }
}
