package com.kwp.bridge.lake;

import com.kwp.bridge.config.OutputFormat;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Delta table by path or name. Source columns whose names Delta cannot store as they are (spaces, commas,
 * braces...) get column mapping ({@code delta.columnMapping.mode = name}) when the table is created.
 */
public record DeltaOutput(TableRef table) implements LakeOutput {
  /** Characters Delta refuses in column names unless column mapping is on. */
  private static final String INVALID_WITHOUT_MAPPING = " ,;{}()\n\t=";
  static final Map<String, String> COLUMN_MAPPING = Map.of(
      "delta.columnMapping.mode", "name", "delta.minReaderVersion", "2", "delta.minWriterVersion", "5");

  @Override
  public OutputFormat format() {
    return OutputFormat.DELTA;
  }

  @Override
  public String location() {
    return table.value();
  }

  @Override
  public boolean exists(SparkSession spark) {
    return table.exists(spark);
  }

  /** True when some column name needs column mapping to be stored in Delta. */
  public static boolean needsColumnMapping(StructType schema) {
    for (StructField f : schema.fields()) {
      for (char c : f.name().toCharArray()) {
        if (INVALID_WITHOUT_MAPPING.indexOf(c) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public long write(SparkSession spark, Dataset<Row> rows, Write write) {
    boolean exists = exists(spark);
    if (needsColumnMapping(rows.schema()) && (!exists || write == Write.OVERWRITE)) {
      if (exists) {
        enableColumnMapping(spark);
      } else {
        table.createIfMissing(spark, rows.schema(), COLUMN_MAPPING, "extracted by the SQL-Databricks Bridge");
      }
      exists = true;
    }
    DataFrameWriter<Row> writer = rows.write().format("delta");
    writer = switch (write) {
      case CREATE -> writer.mode(exists ? "append" : "errorifexists");
      case OVERWRITE -> writer.mode("overwrite").option("overwriteSchema", "true");
      case APPEND -> writer.mode("append");
    };
    table.save(writer);
    return lastCommitMetric(spark, "numOutputRows");
  }

  @Override
  public MergeCounts merge(SparkSession spark, Dataset<Row> rows, List<String> keys) {
    String on = keys.stream()
        .map(k -> "t." + LakeOutput.col(k) + " <=> s." + LakeOutput.col(k))
        .collect(Collectors.joining(" AND "));
    long before = lastVersion(spark);
    table.deltaTable(spark).as("t").merge(rows.as("s"), on)
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
    if (lastVersion(spark) == before) {
      // Delta commits nothing for an empty source: the latest commit's metrics are an earlier write's.
      return new MergeCounts(0, 0);
    }
    return new MergeCounts(lastCommitMetric(spark, "numSourceRows"),
        lastCommitMetric(spark, "numTargetRowsInserted") + lastCommitMetric(spark, "numTargetRowsUpdated"));
  }

  @Override
  public Optional<Object> max(SparkSession spark, String column) {
    if (!exists(spark)) {
      return Optional.empty();
    }
    Row r = table.read(spark).agg(functions.max(functions.col(LakeOutput.col(column)))).first();
    return Optional.ofNullable(r.get(0));
  }

  private void enableColumnMapping(SparkSession spark) {
    DeltaTable dt = table.deltaTable(spark);
    String target = table.isPath() ? "delta.`" + table.value() + "`" : table.value();
    if (!"name".equals(dt.detail().select("properties").first().getJavaMap(0).get("delta.columnMapping.mode"))) {
      spark.sql("ALTER TABLE " + target + " SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name', "
          + "'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5')");
    }
  }

  private long lastVersion(SparkSession spark) {
    return table.deltaTable(spark).history(1).select("version").first().getLong(0);
  }

  /** A metric of the latest commit (one history row: metadata, not data). */
  private long lastCommitMetric(SparkSession spark, String metric) {
    Row last = table.deltaTable(spark).history(1).select("operationMetrics").first();
    Map<Object, Object> metrics = last.getJavaMap(0);
    Object v = metrics == null ? null : metrics.get(metric);
    return v == null ? 0L : Long.parseLong(v.toString());
  }
}
