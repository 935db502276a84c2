package com.kwp.bridge.lake;

import com.kwp.bridge.config.OutputFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

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
  default long write(SparkSession spark, Dataset<Row> rows, Write write) {
    return write(spark, rows, write, false);
  }

  /**
   * The same, and with {@code evolveSchema} the write may add the read's new columns and widen types the
   * output widens in place, in the same commit as the rows (Delta {@code mergeSchema}; Parquet files always
   * carry their own schema).
   */
  long write(SparkSession spark, Dataset<Row> rows, Write write, boolean evolveSchema);

  /**
   * MERGEs {@code rows} by {@code keys}: matching rows are updated, new ones inserted; returns the source
   * rows the MERGE read and the inserted + updated rows, both from the commit metrics.
   *
   * @throws UnsupportedOperationException for formats that cannot merge (Parquet)
   */
  default MergeCounts merge(SparkSession spark, Dataset<Row> rows, List<String> keys) {
    return merge(spark, rows, keys, false);
  }

  /**
   * The same, and with {@code evolveSchema} the MERGE adds the read's new columns, keeps columns the read no
   * longer has (updated rows keep their value, inserted rows get NULL) and widens what it can, all in the
   * MERGE's own commit.
   */
  MergeCounts merge(SparkSession spark, Dataset<Row> rows, List<String> keys, boolean evolveSchema);

  /** What a MERGE read and changed (from its commit metrics). */
  record MergeCounts(long sourceRows, long rowsWritten) {}

  /** MAX of a column in the output (the incremental watermark); empty when the output is missing or empty. */
  Optional<Object> max(SparkSession spark, String column);

  /** The existing output's columns (metadata only); empty when there is no output yet. */
  Optional<StructType> schema(SparkSession spark);

  /**
   * True when a write of this kind (a MERGE, or an append) can change a column from {@code from} to the
   * wider {@code to} in place, in the write's own commit.
   */
  boolean widensInPlace(SparkSession spark, DataType from, DataType to, boolean merge);

  /** Why {@link #widensInPlace} said no, and what would allow it (one clause, for a refusal message). */
  String whyNotWidened(SparkSession spark, DataType from, DataType to, boolean merge);

  /** Spark SQL column reference with backticks, for names with spaces or symbols. */
  static String col(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
