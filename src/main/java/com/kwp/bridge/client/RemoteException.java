package com.kwp.bridge.client;

import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;

/**
 * A workspace API call failed. Carries the API's {@code error_code} and HTTP status (0 when the failure
 * was not an HTTP answer); the message names the object and what to do. Never carries a credential.
 */
public class RemoteException extends BridgeException {
  private static final long serialVersionUID = 1L;
  private final String apiErrorCode;
  private final int httpStatus;

  public RemoteException(ErrorClass errorClass, String apiErrorCode, int httpStatus, String message, Throwable cause) {
    super(errorClass, message, cause);
    this.apiErrorCode = apiErrorCode;
    this.httpStatus = httpStatus;
  }

  /** The API's error code, e.g. {@code RESOURCE_DOES_NOT_EXIST}; null when the API gave none. */
  public String apiErrorCode() {
    return apiErrorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
