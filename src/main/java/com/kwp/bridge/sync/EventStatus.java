package com.kwp.bridge.sync;

/** Lifecycle of an event in the status table. "pending" = submitted, no status row yet. */
public enum EventStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  REJECTED;

  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
