package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/** How an extracted query is stored. */
public enum OutputFormat {
  PARQUET("parquet"),
  DELTA("delta");

  private final String key;

  OutputFormat(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Parses a config value; an unknown value fails naming the key path and the accepted values. */
  public static OutputFormat parse(String path, String value) {
    for (OutputFormat f : values()) {
      if (f.key.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new ConfigException(path + " = '" + value + "' is not a format; use one of "
        + Arrays.stream(values()).map(OutputFormat::key).toList() + ".");
  }
}
