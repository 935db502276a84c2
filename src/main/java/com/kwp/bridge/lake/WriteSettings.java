package com.kwp.bridge.lake;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Session settings ExtractJob's writes need, applied only where the session has no value of its own (a
 * cluster's or notebook's explicit choice wins). Dates and timestamps before 1582 are written as the source
 * holds them, in the proleptic Gregorian calendar SQL Server, PostgreSQL and Spark 3 all use: Spark's default
 * ({@code EXCEPTION}) fails the whole write on the first such value, and {@code LEGACY} would shift it for
 * Spark 2 readers.
 */
public final class WriteSettings {
  static final Map<String, String> DEFAULTS = Map.of(
      "spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED",
      "spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");

  private WriteSettings() {}

  public static void applyDefaults(SparkSession spark) {
    DEFAULTS.forEach((key, value) -> {
      if (!spark.conf().contains(key)) {
        spark.conf().set(key, value);
      }
    });
  }
}
