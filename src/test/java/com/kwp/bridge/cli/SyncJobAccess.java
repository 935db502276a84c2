package com.kwp.bridge.cli;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Test access to SyncJob's run with a session the test owns (the main would stop a local session). */
public final class SyncJobAccess {
  private SyncJobAccess() {}

  public static void run(SparkSession spark, Path conf) {
    SyncJob.run(spark, com.kwp.bridge.sync.SyncEngine.fromConfig(conf, Map.of(), "restart-run"));
  }
}
