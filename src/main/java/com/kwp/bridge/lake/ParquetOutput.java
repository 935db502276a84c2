package com.kwp.bridge.lake;

import com.kwp.bridge.config.OutputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** A folder of Parquet files ({@code <destination>/<query>/}); rows written are counted from the file footers. */
public record ParquetOutput(String path) implements LakeOutput {

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

  @Override
  public long write(SparkSession spark, Dataset<Row> rows, Write write) {
    long before = write == Write.APPEND && exists(spark) ? fileRowCount(spark) : 0L;
    SaveMode mode = switch (write) {
      case CREATE -> SaveMode.ErrorIfExists;
      case OVERWRITE -> SaveMode.Overwrite;
      case APPEND -> SaveMode.Append;
    };
    rows.write().mode(mode).parquet(path);
    return fileRowCount(spark) - before;
  }

  @Override
  public MergeCounts merge(SparkSession spark, Dataset<Row> rows, List<String> keys) {
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

  /** Row count from Parquet footers (Spark answers count() from metadata, reading no column data). */
  private long fileRowCount(SparkSession spark) {
    return spark.read().parquet(path).count();
  }
}
