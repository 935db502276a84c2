package com.kwp.bridge.bench;

import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Stands in for a product path that is not on this branch yet; every row it would fill says so. */
final class NotLanded implements BridgeExtract, BridgeSync {
  private final String reason;

  NotLanded(String reason) {
    this.reason = reason;
  }

  @Override
  public Optional<String> unavailableReason() {
    return Optional.of(reason);
  }

  @Override
  public long extract(SparkSession spark, TestDatabase db, String table, String format, int partitions, Path destination) {
    throw new UnsupportedOperationException(reason);
  }

  @Override
  public long apply(SparkSession spark, TestDatabase db, String operation, Path source, String target, List<String> keys) {
    throw new UnsupportedOperationException(reason);
  }

  @Override
  public List<Duration> latencies(SparkSession spark, TestDatabase db, Path source, String target, int events) {
    throw new UnsupportedOperationException(reason);
  }
}
