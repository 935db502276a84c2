package com.kwp.bridge.config;

import java.util.List;
import java.util.Optional;

/**
 * What {@code extract.queries.<name> { }} says about one query; empty optionals fall back to the run-level
 * settings of {@link ExtractConfig}. Validated on construction by {@link ExtractConfig#from}.
 */
public record QueryOptions(
    String name,
    Optional<String> partitionColumn,
    PartitionStrategy partitionStrategy,
    Optional<Integer> numPartitions,
    Optional<Bound> lowerBound,
    Optional<Bound> upperBound,
    List<String> predicates,
    Optional<Integer> fetchSize,
    Optional<OutputFormat> format,
    Optional<WriteMode> mode,
    Optional<String> incrementalColumn,
    Optional<Lookback> lookback,
    List<String> keys,
    Optional<SchemaChangePolicy> onSchemaChange) {

  public QueryOptions {
    predicates = List.copyOf(predicates);
    keys = List.copyOf(keys);
  }

  /** Options of a query with no block in the config. */
  public static QueryOptions defaults(String name) {
    return new QueryOptions(name, Optional.empty(), PartitionStrategy.AUTO, Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), Optional.empty());
  }
}
