package com.kwp.bridge.config;

/** The settings only {@code mode = changes} reads, from a table block ({@code on-stale}). */
public record ChangesOptions(OnStale onStale) {
  public static final ChangesOptions DEFAULTS = new ChangesOptions(OnStale.FAIL);
}
