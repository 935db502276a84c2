package com.kwp.bridge.sync;

/**
 * Lifecycle of an event. "pending" = submitted, no status row yet (also while it is being applied: SyncJob
 * writes one final row per event, see BatchHandler). "previewed" = a dry run ended: its counts are what the
 * real run would do, its error (if any) the first one the real run would meet; nothing was changed.
 */
public enum EventStatus {
  PENDING,
  COMPLETED,
  FAILED,
  REJECTED,
  PREVIEWED;

  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
