package com.kwp.bridge.extract.copy;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Spark data source reading PostgreSQL's binary COPY streams, one per partition, in parallel on the
 * executors. The schema is always given: it is the one Spark's JDBC source resolved for the same query, so the
 * DataFrame has Spark's JDBC contract (names, types, nullability, metadata) whichever path read it.
 */
public final class CopySource implements TableProvider {
  /** The lazy DataFrame of {@code read} with {@code schema}. */
  public static Dataset<Row> read(SparkSession spark, CopyRead read, StructType schema) {
    return spark.read().format(CopySource.class.getName()).schema(schema).options(read.options()).load();
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    throw new IllegalArgumentException(CopySource.class.getName() + " needs the schema Spark's JDBC source resolved; use CopySource.read");
  }

  @Override
  public boolean supportsExternalMetadata() {
    return true;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    Map<String, String> options = properties instanceof CaseInsensitiveStringMap m ? m.asCaseSensitiveMap() : properties;
    return new CopyTable(schema, CopyRead.fromOptions(options));
  }
}
