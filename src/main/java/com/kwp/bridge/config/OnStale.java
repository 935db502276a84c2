package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code mode = changes} does when the destination's change version can no longer be read from (the
 * source cleaned up changes newer than it, or the destination carries no version the bridge wrote).
 */
public enum OnStale {
  /** Stop that table with a message saying why and how to re-snapshot (the default: a re-snapshot rereads everything). */
  FAIL("fail"),
  /** Overwrite the destination with a new snapshot in one Delta commit. */
  RESNAPSHOT("resnapshot");

  private final String key;

  OnStale(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static OnStale parse(String path, String value) {
    for (OnStale s : values()) {
      if (s.key.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new ConfigException(path + " = '" + value + "' is not known; use one of "
        + Arrays.stream(values()).map(OnStale::key).toList() + ".");
  }
}
