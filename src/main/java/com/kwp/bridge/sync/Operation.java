package com.kwp.bridge.sync;

import java.util.Locale;
import java.util.Optional;

/**
 * What an event asks for. UPDATE, UPSERT and DELETE are keyed; INSERT adds rows; REPLACE makes the target's
 * rows exactly the source's, atomically.
 */
public enum Operation {
  INSERT,
  UPDATE,
  UPSERT,
  DELETE,
  REPLACE;

  public boolean requiresKeys() {
    return this == UPDATE || this == UPSERT || this == DELETE;
  }

  /** The operation named by {@code text} (case-insensitive), or empty when unknown. */
  public static Optional<Operation> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Operation o : values()) {
      if (o.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
