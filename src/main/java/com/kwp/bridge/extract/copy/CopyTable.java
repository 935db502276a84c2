package com.kwp.bridge.extract.copy;

import com.kwp.bridge.jdbc.bulk.PostgresBinaryRows;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The rows of one {@link CopyRead}: a batch scan of one input partition per COPY statement. */
final class CopyTable implements SupportsRead, ScanBuilder, Scan, Batch {
  private final StructType schema;
  private final CopyRead read;
  private final PostgresBinaryRows rows;

  CopyTable(StructType schema, CopyRead read) {
    this.schema = schema;
    this.read = read;
    PostgresBinaryRows.Plan plan = PostgresBinaryRows.plan(schema, read.pgTypes());
    this.rows = plan.rows().orElseThrow(() -> new IllegalArgumentException("binary COPY read planned for columns it cannot decode: " + plan.reason()));
  }

  /** One COPY statement: the unit of parallelism. */
  record Partition(int index, String statement) implements InputPartition {}

  @Override
  public String name() {
    return "PostgreSQL binary COPY";
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return this;
  }

  @Override
  public Scan build() {
    return this;
  }

  @Override
  public StructType readSchema() {
    return schema;
  }

  @Override
  public String description() {
    return name() + ", " + read.statements().size() + " partition" + (read.statements().size() == 1 ? "" : "s");
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return IntStream.range(0, read.statements().size()).mapToObj(i -> new Partition(i, read.statements().get(i))).toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new CopyPartitionReader.Factory(read.source(), rows, schema);
  }
}
