package com.kwp.bridge.bench;

import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** The seam to the product's extract path: the harness measures whatever implements this. */
interface BridgeExtract {

  /** Empty when the path can run; otherwise why not (shown as "not measured: ..."). */
  Optional<String> unavailableReason();

  /**
   * Extracts {@code table} of {@code db} with {@code partitions} parallel reads into
   * {@code destination/<table>} as {@code format} (parquet or delta); returns the rows written.
   */
  long extract(SparkSession spark, TestDatabase db, String table, String format, int partitions, Path destination) throws Exception;

  /**
   * Extracts {@code table} by name ({@code --table}) with no partition options, so the bridge chooses the
   * partitioning from the table's metadata; returns the rows written and the Spark partitions it chose.
   */
  Automatic extractAutomatic(SparkSession spark, TestDatabase db, String table, String format, Path destination) throws Exception;

  /**
   * Extracts the table configured as {@code extract.tables.<name> { <spec> }} into {@code destination/<name>}
   * as Delta, without {@code --overwrite} (the spec's mode decides what happens to an existing output);
   * returns the product's result for it.
   */
  QueryResult extractConfigured(SparkSession spark, TestDatabase db, String name, String spec, Path destination) throws Exception;

  /** What the automatic path wrote and how many partitions it chose. */
  record Automatic(long rowsWritten, int partitions) {}
}
