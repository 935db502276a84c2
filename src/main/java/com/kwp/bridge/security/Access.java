package com.kwp.bridge.security;

import com.kwp.bridge.error.ConfigException;
import java.util.Locale;

/** What a principal may do on a table. Write implies delete, bounded by the grant's max delete rows. */
public enum Access {
  READ,
  WRITE,
  READ_WRITE;

  public boolean canWrite() {
    return this != READ;
  }

  /** Parses {@code read}, {@code write}, {@code read_write}; anything else is an error naming the place. */
  public static Access parse(String text, String where) {
    for (Access a : values()) {
      if (a.name().equals(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'))) {
        return a;
      }
    }
    throw new ConfigException(where + ": access must be read, write or read_write, got '" + text + "'.");
  }
}
