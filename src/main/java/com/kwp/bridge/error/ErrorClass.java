package com.kwp.bridge.error;

/** Failure categories recorded in run and event status tables; stable names, never renamed. */
public enum ErrorClass {
  CONFIG,
  TEMPLATE,
  CONNECTION,
  DATABASE,
  TRANSIENT,
  VALIDATION,
  PERMISSION_DENIED,
  DELETE_LIMIT,
  OUTCOME_UNKNOWN,
  /** A run finished but some of its queries or events failed; the others were written. */
  RUN_FAILED,
  INTERNAL
}
