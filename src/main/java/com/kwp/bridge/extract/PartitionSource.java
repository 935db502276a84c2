package com.kwp.bridge.extract;

import com.kwp.bridge.config.PartitionStrategy;
import com.kwp.bridge.config.QueryOptions;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.dialect.SqlDialect;

/** Gathers what the pure {@link PartitionPlanner} needs (configured bounds or a probe) for one query. */
final class PartitionSource {
  private final SourceProbe probe;
  private final SqlDialect dialect;

  PartitionSource(SourceProbe probe, SqlDialect dialect) {
    this.probe = probe;
    this.dialect = dialect;
  }

  PartitionPlan plan(String sql, QuerySettings settings) {
    QueryOptions q = settings.options();
    if (!q.predicates().isEmpty()) {
      return PartitionPlanner.explicit(q.predicates());
    }
    if (q.partitionColumn().isEmpty()) {
      return PartitionPlan.single("no partition-column");
    }
    String column = q.partitionColumn().get();
    int n = settings.numPartitions();
    if (n <= 1) {
      return PartitionPlan.single("num-partitions = 1");
    }
    PartitionStrategy strategy = q.partitionStrategy();
    if (strategy == PartitionStrategy.HASH) {
      return PartitionPlanner.hash(dialect.reads(), column, n);
    }
    if (strategy == PartitionStrategy.QUANTILE) {
      return PartitionPlanner.quantile(dialect.reads(), column, probe.quantileLows(sql, column, n));
    }
    if (q.lowerBound().isPresent()) {
      Object lo = q.lowerBound().get().value();
      Object hi = q.upperBound().orElseThrow().value();
      return PartitionPlanner.range(dialect.reads(), column, kindOf(lo), lo, hi, n);
    }
    SourceProbe.Bounds b = probe.bounds(sql, column);
    if (strategy == PartitionStrategy.AUTO && !b.kind().isOrderedNumericOrTemporal()) {
      return PartitionPlanner.quantile(dialect.reads(), column, probe.quantileLows(sql, column, n));
    }
    return PartitionPlanner.range(dialect.reads(), column, b.kind(), b.lo(), b.hi(), n);
  }

  private static ColumnKind kindOf(Object configured) {
    if (configured instanceof java.time.LocalDate) {
      return ColumnKind.DATE;
    }
    if (configured instanceof java.time.LocalDateTime) {
      return ColumnKind.TIMESTAMP;
    }
    java.math.BigDecimal d = (java.math.BigDecimal) configured;
    return d.stripTrailingZeros().scale() <= 0 ? ColumnKind.INTEGRAL : ColumnKind.FRACTIONAL;
  }
}
