package com.kwp.bridge.lake;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The append-only Delta table of extract runs ({@code extract.runs-table}): one row per query per run. */
public final class ExtractRunsTable {
  public static final StructType SCHEMA = new StructType(new StructField[] {
      field("run_id", DataTypes.StringType, false),
      field("started_at", DataTypes.TimestampType, false),
      field("country", DataTypes.StringType, false),
      field("query", DataTypes.StringType, false),
      field("destination", DataTypes.StringType, true),
      field("mode", DataTypes.StringType, true),
      field("format", DataTypes.StringType, true),
      field("partitions", DataTypes.IntegerType, true),
      field("rows_read", DataTypes.LongType, true),
      field("rows_written", DataTypes.LongType, true),
      field("seconds", DataTypes.DoubleType, true),
      field("rows_per_second", DataTypes.DoubleType, true),
      field("watermark_from", DataTypes.StringType, true),
      field("watermark_to", DataTypes.StringType, true),
      field("status", DataTypes.StringType, false),
      field("error", DataTypes.StringType, true),
      // Added after the first release: appended with mergeSchema, so an existing runs table gains it on its next run.
      field("schema_changes", DataTypes.StringType, true)});

  private final TableRef table;

  public ExtractRunsTable(TableRef table) {
    this.table = table;
  }

  public TableRef table() {
    return table;
  }

  /** Creates the table when missing (the run's preflight: a run must not fail only after its work is done). */
  public void ensure(SparkSession spark) {
    table.createIfMissing(spark, SCHEMA, Map.of(), "SQL-Databricks Bridge: one row per extracted query per run");
  }

  /** Creates the table when missing and appends the rows (metadata rows built on the driver, a few per run). */
  public void append(SparkSession spark, List<Row> rows) {
    table.createIfMissing(spark, SCHEMA, Map.of(), "SQL-Databricks Bridge: one row per extracted query per run");
    table.save(spark.createDataFrame(rows, SCHEMA).write().format("delta").mode("append").option("mergeSchema", "true"));
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }
}
