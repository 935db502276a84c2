package com.kwp.bridge.lake;

import com.kwp.bridge.error.ConfigException;
import io.delta.tables.DeltaTable;
import java.io.Serializable;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Where a Delta table lives: a metastore name ({@code catalog.schema.table} on Unity Catalog,
 * {@code schema.table} locally) or a path ({@code /Volumes/...}, a local folder, a cloud URI).
 */
public record TableRef(String value) implements Serializable {
  private static final Logger LOG = Logger.getLogger(TableRef.class.getName());

  public TableRef {
    ConfigException.check(value != null && !value.isBlank(), "a Delta table name or path is empty");
  }

  public static TableRef of(String value) {
    return new TableRef(value.trim());
  }

  /** Paths start with '/', '.', a drive letter or carry a URI scheme; everything else is a table name. */
  public boolean isPath() {
    return value.startsWith("/") || value.startsWith(".") || value.contains(":/") || value.contains("\\");
  }

  public boolean exists(SparkSession spark) {
    return isPath() ? DeltaTable.isDeltaTable(spark, value) : spark.catalog().tableExists(value);
  }

  public Dataset<Row> read(SparkSession spark) {
    return isPath() ? spark.read().format("delta").load(value) : spark.read().table(value);
  }

  public DeltaTable deltaTable(SparkSession spark) {
    return isPath() ? DeltaTable.forPath(spark, value) : DeltaTable.forName(spark, value);
  }

  /** Saves with an already configured writer (format, mode, options) to this location. */
  public void save(DataFrameWriter<Row> writer) {
    if (isPath()) {
      writer.save(value);
    } else {
      writer.saveAsTable(value);
    }
  }

  /**
   * Creates the table empty with {@code schema} and {@code properties} when it does not exist yet; logs
   * one line saying so. Safe to call on every run.
   */
  public void createIfMissing(SparkSession spark, StructType schema, Map<String, String> properties, String purpose) {
    if (exists(spark)) {
      return;
    }
    var builder = isPath()
        ? DeltaTable.createIfNotExists(spark).location(value)
        : DeltaTable.createIfNotExists(spark).tableName(value);
    builder = builder.addColumns(schema).comment(purpose);
    for (Map.Entry<String, String> p : properties.entrySet()) {
      builder = builder.property(p.getKey(), p.getValue());
    }
    builder.execute();
    LOG.info(() -> "Created Delta table " + value + " (" + purpose + ")");
  }

  /** The name Spark SQL statements take: the catalog name, or {@code delta.`path`} (backticks doubled). */
  public String sqlName() {
    return isPath() ? "delta.`" + value.replace("`", "``") + "`" : value;
  }

  @Override
  public String toString() {
    return value;
  }
}
