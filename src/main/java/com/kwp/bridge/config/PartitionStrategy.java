package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/** How a partition column is cut into Spark partitions. */
public enum PartitionStrategy {
  /** RANGE for numeric, date and timestamp columns, QUANTILE for anything else. */
  AUTO("auto"),
  /** Equal-width ranges between MIN and MAX (dense numeric/date keys). */
  RANGE("range"),
  /** Equal-count buckets from NTILE boundaries (skewed or non-numeric keys). */
  QUANTILE("quantile"),
  /** Hash buckets (any type; every partition scans the whole source). */
  HASH("hash");

  private final String key;

  PartitionStrategy(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static PartitionStrategy parse(String path, String value) {
    for (PartitionStrategy s : values()) {
      if (s.key.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new ConfigException(path + " = '" + value + "' is not a partition strategy; use one of "
        + Arrays.stream(values()).map(PartitionStrategy::key).toList() + ".");
  }
}
