package com.kwp.bridge.testing;

import com.kwp.bridge.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] Spark session with Delta for the whole test JVM (starting Spark costs seconds; tests
 * isolate themselves by writing under their own temporary folders and table names).
 */
public final class TestSpark {
  private static SparkSession session;
  private static Path warehouse;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      try {
        warehouse = Files.createTempDirectory("bridge-warehouse");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      session = SparkSessions.local("bridge-tests", "local[2]", warehouse.toString());
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /** A new empty folder for one test's outputs. */
  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
