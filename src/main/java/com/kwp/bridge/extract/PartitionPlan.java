package com.kwp.bridge.extract;

import java.util.List;

/**
 * How one query is split for Spark's JDBC reader: explicit predicates, one Spark partition each. An empty
 * list means one partition reading the whole query.
 */
public record PartitionPlan(List<String> predicates, String description) {
  public PartitionPlan {
    predicates = List.copyOf(predicates);
  }

  public static PartitionPlan single(String why) {
    return new PartitionPlan(List.of(), "single partition (" + why + ")");
  }

  public int partitions() {
    return Math.max(1, predicates.size());
  }
}
