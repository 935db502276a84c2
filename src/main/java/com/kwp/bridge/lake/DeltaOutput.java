package com.kwp.bridge.lake;

import com.kwp.bridge.config.OutputFormat;
import io.delta.tables.DeltaTable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Delta table by path or name. Source columns whose names Delta cannot store as they are (spaces, commas,
 * braces...) get column mapping ({@code delta.columnMapping.mode = name}) when the table is created, or
 * before a write that adds such a column.
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
  public long write(SparkSession spark, Dataset<Row> rows, Write write, boolean evolveSchema) {
    boolean exists = exists(spark);
    // Mapping is its own metadata-only commit (Delta takes no table property on an append); it changes no column or row.
    if (needsColumnMapping(rows.schema()) && (!exists || write == Write.OVERWRITE || evolveSchema)) {
      if (exists) {
        enableColumnMapping(spark);
      } else {
        table.createIfMissing(spark, rows.schema(), COLUMN_MAPPING, "extracted by the SQL-Databricks Bridge");
      }
      exists = true;
    }
    if (exists && evolveSchema) {
      raiseLengthLimits(spark, rows.schema());
    }
    DataFrameWriter<Row> writer = rows.write().format("delta");
    writer = switch (write) {
      case CREATE -> writer.mode(exists ? "append" : "errorifexists");
      case OVERWRITE -> writer.mode("overwrite").option("overwriteSchema", "true");
      case APPEND -> evolveSchema ? writer.mode("append").option("mergeSchema", "true") : writer.mode("append");
    };
    table.save(writer);
    return lastCommitMetric(spark, "numOutputRows");
  }

  @Override
  public MergeCounts merge(SparkSession spark, Dataset<Row> rows, List<String> keys, boolean evolveSchema) {
    String on = keys.stream()
        .map(k -> "t." + LakeOutput.col(k) + " <=> s." + LakeOutput.col(k))
        .collect(Collectors.joining(" AND "));
    if (evolveSchema && needsColumnMapping(rows.schema())) {
      enableColumnMapping(spark);
    }
    if (evolveSchema) {
      raiseLengthLimits(spark, rows.schema());
    }
    // Taken after the schema commits above, so only the MERGE itself can move it.
    long before = lastVersion(spark);
    var merge = table.deltaTable(spark).as("t").merge(rows.as("s"), on)
        .whenMatched().updateAll()
        .whenNotMatched().insertAll();
    // Scoped to this one MERGE (not the session's autoMerge setting: other queries run in the same session).
    (evolveSchema ? merge.withSchemaEvolution() : merge).execute();
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

  @Override
  public Optional<StructType> schema(SparkSession spark) {
    return exists(spark) ? Optional.of(table.read(spark).schema()) : Optional.empty();
  }

  /**
   * The widenings the Delta this bridge is built and tested with (3.2) applies in place: tinyint to smallint
   * or int, smallint to int. An append does them with {@code mergeSchema} on any table (Parquet stores all
   * three as 32-bit integers, so no file is rewritten); a MERGE only on a table with type widening enabled.
   * int to bigint, float to double and wider decimals need a rewrite (overwrite) in this version.
   */
  static boolean widenableInPlace(DataType from, DataType to) {
    return (from instanceof ByteType && (to instanceof ShortType || to instanceof IntegerType))
        || (from instanceof ShortType && to instanceof IntegerType);
  }

  /** Also a string whose char/varchar limit the read exceeds: {@link #raiseLengthLimits} lifts it before the write. */
  @Override
  public boolean widensInPlace(SparkSession spark, DataType from, DataType to, boolean merge) {
    if (from instanceof StringType && to instanceof StringType) {
      return true;
    }
    return widenableInPlace(from, to) && (!merge || typeWideningEnabled(spark));
  }

  /**
   * Raises each char/varchar limit of the table that the rows' declared type exceeds, to the rows' varchar
   * length or to no limit (Spark cannot grow a char in place, so a char becomes a varchar). A metadata-only
   * commit per column, before the rows: Delta checks the limit on write and takes no type change with an append.
   */
  private void raiseLengthLimits(SparkSession spark, StructType rows) {
    Map<String, StructField> current = new HashMap<>();
    for (StructField f : table.read(spark).schema().fields()) {
      current.put(f.name().toLowerCase(Locale.ROOT), f);
    }
    for (StructField r : rows.fields()) {
      StructField d = current.get(r.name().toLowerCase(Locale.ROOT));
      if (d != null && d.dataType() instanceof StringType && r.dataType() instanceof StringType && SchemaComparison.limitRaised(d, r)) {
        String type = SchemaComparison.lengthLimit(r).stream().mapToObj(n -> "varchar(" + n + ")").findFirst().orElse("string");
        spark.sql("ALTER TABLE " + table.sqlName() + " ALTER COLUMN " + LakeOutput.col(d.name()) + " TYPE " + type);
      }
    }
  }

  @Override
  public String whyNotWidened(SparkSession spark, DataType from, DataType to, boolean merge) {
    if (!widenableInPlace(from, to)) {
      return "Delta 3.2 widens a column in place only from tinyint or smallint up to int";
    }
    String target = table.sqlName();
    return "a MERGE widens a column only on a table with type widening (ALTER TABLE " + target
        + " SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true'); its readers then need Delta 3.2 or later)";
  }

  private boolean typeWideningEnabled(SparkSession spark) {
    Map<Object, Object> props = table.deltaTable(spark).detail().select("properties").first().getJavaMap(0);
    return props != null && "true".equalsIgnoreCase(String.valueOf(props.get("delta.enableTypeWidening")));
  }

  private void enableColumnMapping(SparkSession spark) {
    DeltaTable dt = table.deltaTable(spark);
    String target = table.sqlName();
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
