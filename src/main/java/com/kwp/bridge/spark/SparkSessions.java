package com.kwp.bridge.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one place that obtains a {@link SparkSession}. On Databricks the runtime's session is reused (a JAR
 * task must never create or stop its own context); locally a local[2] session with Delta is built.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** True inside a Databricks runtime (the variable is set on every Databricks compute). */
  public static boolean onDatabricks() {
    return System.getenv("DATABRICKS_RUNTIME_VERSION") != null;
  }

  /** Local sessions {@link #obtain} created (rather than reused); only these are stopped by {@link #releaseIfLocal}. */
  private static final java.util.Set<SparkSession> CREATED =
      java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

  /** The session the jobs run in. */
  public static SparkSession obtain(String appName) {
    if (onDatabricks()) {
      return SparkSession.builder().getOrCreate();
    }
    boolean existed = SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
    SparkSession s = local(appName, System.getProperty("bridge.spark.master", "local[2]"), System.getProperty("bridge.spark.warehouse", "spark-warehouse"));
    if (!existed) {
      CREATED.add(s);
    }
    return s;
  }

  /** A local session with Delta Lake enabled; reused when one is already active in this JVM. */
  public static SparkSession local(String appName, String master, String warehouseDir) {
    return SparkSession.builder()
        .appName(appName)
        .master(master)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", warehouseDir)
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        // Spark keeps 100 compiled classes by default (a JVM-wide cache, sized once); a mode = changes run
        // (a Delta MERGE with deletion vectors) alone needs more, so a cyclic run order missed on every one
        // and every later run compiled about 80 classes again (2-3 s). See the README, "Changes mode".
        .config("spark.sql.codegen.cache.maxEntries", "1000")
        .getOrCreate();
  }

  /**
   * Stops the session only when {@link #obtain} created it locally; never on Databricks, and never a session
   * that was already running in this JVM (a notebook's, or a test's shared one, when a command is called in-process).
   */
  public static void releaseIfLocal(SparkSession spark) {
    if (!onDatabricks() && spark != null && CREATED.remove(spark)) {
      spark.stop();
    }
  }
}
