package com.kwp.bridge.error;

/**
 * The connection was lost while committing: the change may or may not be in the target. Recovery reads
 * the ledger; never re-apply or clean up blindly.
 */
public class OutcomeUnknownException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public OutcomeUnknownException(String message, Throwable cause) {
    super(ErrorClass.OUTCOME_UNKNOWN, message, cause);
  }
}
