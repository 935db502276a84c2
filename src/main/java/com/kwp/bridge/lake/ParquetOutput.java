package com.kwp.bridge.lake;

import com.kwp.bridge.config.OutputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A folder of Parquet files ({@code <destination>/<query>/}); rows written are counted from the file footers. */
public record ParquetOutput(String path) implements LakeOutput {
  private static final Logger LOG = Logger.getLogger(ParquetOutput.class.getName());

  @Override
  public OutputFormat format() {
    return OutputFormat.PARQUET;
  }

  @Override
  public String location() {
    return path;
  }

  @Override
  public boolean exists(SparkSession spark) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        return false;
      }
      for (FileStatus s : fs.listStatus(p)) {
        if (!s.getPath().getName().startsWith(".")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check Parquet output " + path, e);
    }
  }

  /** Files carry their own schema, so {@code evolveSchema} changes nothing here; readers merge with {@code mergeSchema}. */
  @Override
  public long write(SparkSession spark, Dataset<Row> rows, Write write, boolean evolveSchema) {
    if (write == Write.OVERWRITE) {
      return overwrite(spark, rows);
    }
    long before = write == Write.APPEND && exists(spark) ? fileRowCount(spark, path) : 0L;
    rows.write().mode(write == Write.CREATE ? SaveMode.ErrorIfExists : SaveMode.Append).parquet(path);
    return fileRowCount(spark, path) - before;
  }

  /**
   * Overwrite that never loses the previous output: the new files are written to a folder beside it (not
   * hidden: Spark's reader skips a root folder named .x or _x) and swapped in only once complete (the old
   * folder is renamed aside, the new one renamed in, the old one deleted). A read that fails half way leaves
   * the previous output as it was. (Delta has this by itself.)
   */
  private long overwrite(SparkSession spark, Dataset<Row> rows) {
    Path target = new Path(path);
    String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
    Path fresh = new Path(target.getParent(), target.getName() + ".bridge-new-" + tag);
    Path old = new Path(target.getParent(), target.getName() + ".bridge-old-" + tag);
    try {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try {
        rows.write().mode(SaveMode.ErrorIfExists).parquet(fresh.toString());
      } catch (Exception e) { // SparkException is checked yet thrown undeclared; rethrown as it came
        fs.delete(fresh, true);
        throw e;
      }
      long written = fileRowCount(spark, fresh.toString());
      boolean hadOld = fs.exists(target);
      if (hadOld && !fs.rename(target, old)) {
        fs.delete(fresh, true);
        throw new UncheckedIOException(new IOException("cannot move the previous output " + path + " aside; it is unchanged"));
      }
      if (!fs.rename(fresh, target)) {
        if (hadOld) {
          fs.rename(old, target);
        }
        fs.delete(fresh, true);
        throw new UncheckedIOException(new IOException("cannot move the new output into " + path + "; the previous output is kept"));
      }
      if (hadOld) {
        fs.delete(old, true);
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot overwrite Parquet output " + path, e);
    }
  }

  @Override
  public MergeCounts merge(SparkSession spark, Dataset<Row> rows, List<String> keys, boolean evolveSchema) {
    throw new UnsupportedOperationException("Parquet output " + path + " cannot MERGE by keys; use format = delta");
  }

  @Override
  public Optional<Object> max(SparkSession spark, String column) {
    if (!exists(spark)) {
      return Optional.empty();
    }
    Row r = spark.read().parquet(path).agg(functions.max(functions.col(LakeOutput.col(column)))).first();
    return Optional.ofNullable(r.get(0));
  }

  /**
   * The folder's columns as a reader with {@code mergeSchema} sees them (every file footer, read by Spark:
   * no row data). A folder whose files already disagree on a type falls back to Spark's default inference.
   */
  @Override
  public Optional<StructType> schema(SparkSession spark) {
    if (!exists(spark)) {
      return Optional.empty();
    }
    StructType schema;
    try {
      schema = spark.read().option("mergeSchema", "true").parquet(path).schema();
    } catch (Exception e) { // SparkException (CANNOT_MERGE_SCHEMAS) arrives undeclared
      LOG.warning(() -> "Parquet output " + path + " holds files whose schemas cannot be merged (" + e.getMessage()
          + "); comparing with one file's schema");
      schema = spark.read().parquet(path).schema();
    }
    // Field metadata (a char/varchar declaration) binds no Parquet reader or writer: types alone are compared.
    StructType plain = new StructType();
    for (StructField f : schema.fields()) {
      plain = plain.add(f.name(), f.dataType(), f.nullable());
    }
    return Optional.of(plain);
  }

  /** Never: a folder holding both types can no longer be read with mergeSchema (Spark merges no differing types). */
  @Override
  public boolean widensInPlace(SparkSession spark, DataType from, DataType to, boolean merge) {
    return false;
  }

  @Override
  public String whyNotWidened(SparkSession spark, DataType from, DataType to, boolean merge) {
    return "a Parquet folder with files of both types cannot be read with mergeSchema";
  }

  /** Row count from Parquet footers (Spark answers count() from metadata, reading no column data). */
  private static long fileRowCount(SparkSession spark, String folder) {
    return spark.read().parquet(folder).count();
  }
}
