package com.kwp.bridge.client;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns the SDK's errors into the bridge's typed ones. The SDK has already retried what is retriable
 * (429, 503, connection failures), so what reaches here is final. Messages name the object, the permission
 * and what to do; they quote the API's message, which never contains the caller's credential.
 */
final class RemoteErrors {
  private RemoteErrors() {}

  /**
   * What a call is about, for messages.
   *
   * @param object e.g. "job bridge-extract (id 12)"
   * @param permission what the caller needs on it, e.g. "CAN_MANAGE_RUN"
   * @param ifMissing what to do when the object does not exist
   */
  record Target(String object, String permission, String ifMissing) {}

  /** Runs an SDK call, translating its failures. */
  static <T> T call(Target target, Supplier<T> call) {
    try {
      return call.get();
    } catch (DatabricksError e) {
      throw translate(target, e);
    } catch (DatabricksException e) {
      throw new RemoteAuthenticationException(null, 0, "cannot reach the workspace for " + target.object() + ": " + e.getMessage()
          + " (set DATABRICKS_HOST and the service principal's credentials, or DATABRICKS_CONFIG_PROFILE; see the SDK's unified auth)", e);
    }
  }

  static void run(Target target, Runnable call) {
    call(target, () -> {
      call.run();
      return null;
    });
  }

  static RemoteException translate(Target t, DatabricksError e) {
    String code = e.getErrorCode();
    int status = e.getStatusCode();
    String api = " (" + (code == null ? "HTTP " + status : code + ", HTTP " + status) + ": " + e.getMessage() + ")";
    if (status == 401 || "UNAUTHENTICATED".equals(code)) {
      return new RemoteAuthenticationException(code, status, "the workspace rejected the credentials" + api
          + "; check DATABRICKS_HOST and the service principal's token or OAuth secret", e);
    }
    if (status == 403 || "PERMISSION_DENIED".equals(code)) {
      return new RemotePermissionException(code, status, "permission denied on " + t.object() + api
          + "; grant the project's service principal " + t.permission() + " on " + t.object(), e);
    }
    if (status == 404 || "RESOURCE_DOES_NOT_EXIST".equals(code) || "NOT_FOUND".equals(code) || notFoundMessage(code, e.getMessage())) {
      return new RemoteNotFoundException(code, status, t.object() + " not found" + api + "; " + t.ifMissing(), e);
    }
    if (status == 429 || status == 503 || status == 504 || "TEMPORARILY_UNAVAILABLE".equals(code) || "REQUEST_LIMIT_EXCEEDED".equals(code)) {
      return new RemoteUnavailableException(code, status, "the workspace stayed unavailable for " + t.object() + " after the SDK's retries"
          + api + "; try again later", e);
    }
    return new RemoteException(com.kwp.bridge.error.ErrorClass.VALIDATION, code, status, "the workspace refused the call on "
        + t.object() + api, e);
  }

  /** The Jobs API answers a missing job or run with 400 INVALID_PARAMETER_VALUE "... does not exist". */
  private static boolean notFoundMessage(String code, String message) {
    return "INVALID_PARAMETER_VALUE".equals(code) && message != null && message.toLowerCase(Locale.ROOT).contains("does not exist");
  }
}
