package com.kwp.bridge.lake;

import com.kwp.bridge.config.OutputFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Where one query's rows land: a Parquet folder or a Delta table. Every method runs on the driver. */
public interface LakeOutput {

  /** Kinds of write a run asks for. */
  enum Write {
    /** The output must not exist yet (skip-existing found nothing). */
    CREATE,
    OVERWRITE,
    APPEND
  }

  OutputFormat format();

  /** The folder or table name, for the summary and the runs table. */
  String location();

  /** True when the output already holds data (a Delta table, or a non-empty Parquet folder). */
  boolean exists(SparkSession spark);

  /**
   * Writes {@code rows}; returns the rows the write added, taken from the written files or the Delta commit
   * metrics (never by re-reading the rows).
   */
  long write(SparkSession spark, Dataset<Row> rows, Write write);

  /**
   * MERGEs {@code rows} by {@code keys}: matching rows are updated, new ones inserted; returns the source
   * rows the MERGE read and the inserted + updated rows, both from the commit metrics.
   *
   * @throws UnsupportedOperationException for formats that cannot merge (Parquet)
   */
  MergeCounts merge(SparkSession spark, Dataset<Row> rows, List<String> keys);

  /** What a MERGE read and changed (from its commit metrics). */
  record MergeCounts(long sourceRows, long rowsWritten) {}

  /** MAX of a column in the output (the incremental watermark); empty when the output is missing or empty. */
  Optional<Object> max(SparkSession spark, String column);

  /** Spark SQL column reference with backticks, for names with spaces or symbols. */
  static String col(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
