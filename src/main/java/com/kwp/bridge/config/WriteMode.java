package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/** What happens when an output already exists. */
public enum WriteMode {
  /** Leave an existing output alone and skip the query (the default; {@code --overwrite} replaces). */
  SKIP_EXISTING("skip-existing"),
  OVERWRITE("overwrite"),
  APPEND("append"),
  /** Read only rows past the destination's watermark (MAX of the incremental column). */
  INCREMENTAL("incremental"),
  /**
   * A table's change log (SQL Server change tracking, or the PostgreSQL trigger-maintained log): a snapshot
   * first, then inserts, updates and deletes MERGEd into Delta by primary key (extract/ChangesExtractor).
   */
  CHANGES("changes");

  private final String key;

  WriteMode(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Parses a config value; an unknown value fails naming the key path and the accepted values. */
  public static WriteMode parse(String path, String value) {
    for (WriteMode m : values()) {
      if (m.key.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new ConfigException(path + " = '" + value + "' is not a mode; use one of "
        + Arrays.stream(values()).map(WriteMode::key).toList() + ".");
  }
}
