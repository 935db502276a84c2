package com.kwp.bridge.sync;

/**
 * Lifecycle of an event. "pending" = submitted, no status row yet (also while it is being applied: SyncJob
 * writes one final row per event, see BatchHandler).
 */
public enum EventStatus {
  PENDING,
  COMPLETED,
  FAILED,
  REJECTED;

  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
