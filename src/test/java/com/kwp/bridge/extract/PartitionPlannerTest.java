package com.kwp.bridge.extract;

import com.kwp.bridge.dialect.Dialects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.dialect.ReadSql;
import com.kwp.bridge.error.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPlannerTest {
  private static final ReadSql PG = Dialects.postgres().reads();
  private static final ReadSql MS = Dialects.sqlServer().reads();

  @Test
  void integralRangesAreContiguousOpenAtBothEndsWithANullPartition() {
    assertEquals(List.of("\"id\" < 26", "\"id\" >= 26 AND \"id\" < 51", "\"id\" >= 51 AND \"id\" < 76", "\"id\" >= 76", "\"id\" IS NULL"),
        PartitionPlanner.range(PG, "id", ColumnKind.INTEGRAL, 1L, 100L, 4).predicates());
    assertEquals(List.of("[id] < 26", "[id] >= 26 AND [id] < 51", "[id] >= 51 AND [id] < 76", "[id] >= 76", "[id] IS NULL"),
        PartitionPlanner.range(MS, "id", ColumnKind.INTEGRAL, 1L, 100L, 4).predicates());
  }

  @Test
  void fewerDistinctValuesThanPartitionsGiveFewerRanges() {
    assertEquals(List.of("\"id\" < 2", "\"id\" >= 2", "\"id\" IS NULL"),
        PartitionPlanner.range(PG, "id", ColumnKind.INTEGRAL, 1L, 2L, 8).predicates());
    assertEquals(1, PartitionPlanner.range(PG, "id", ColumnKind.INTEGRAL, 5L, 5L, 8).partitions());
  }

  @Test
  void emptySourceIsOnePartitionNotAFailure() {
    PartitionPlan plan = PartitionPlanner.range(PG, "id", ColumnKind.INTEGRAL, null, null, 4);
    assertEquals(List.of(), plan.predicates());
    assertEquals(1, plan.partitions());
  }

  @Test
  void dateRangesUseTypedDateLiteralsPerDialect() {
    LocalDate lo = LocalDate.of(2024, 1, 1);
    LocalDate hi = LocalDate.of(2024, 1, 31);
    assertEquals(List.of("\"fecha\" < DATE '2024-01-11'", "\"fecha\" >= DATE '2024-01-11' AND \"fecha\" < DATE '2024-01-21'",
            "\"fecha\" >= DATE '2024-01-21'", "\"fecha\" IS NULL"),
        PartitionPlanner.range(PG, "fecha", ColumnKind.DATE, lo, hi, 3).predicates());
    assertEquals(List.of("[fecha] < CAST('2024-01-11' AS DATE)",
            "[fecha] >= CAST('2024-01-11' AS DATE) AND [fecha] < CAST('2024-01-21' AS DATE)",
            "[fecha] >= CAST('2024-01-21' AS DATE)", "[fecha] IS NULL"),
        PartitionPlanner.range(MS, "fecha", ColumnKind.DATE, lo, hi, 3).predicates());
  }

  @Test
  void timestampRangesKeepMicroseconds() {
    LocalDateTime lo = LocalDateTime.of(2024, 1, 1, 0, 0);
    LocalDateTime hi = lo.plusNanos(3_000);
    assertEquals(List.of("\"ts\" < TIMESTAMP '2024-01-01 00:00:00.000002'", "\"ts\" >= TIMESTAMP '2024-01-01 00:00:00.000002'", "\"ts\" IS NULL"),
        PartitionPlanner.range(PG, "ts", ColumnKind.TIMESTAMP, lo, hi, 2).predicates());
    assertEquals(List.of("[ts] < CAST('2024-01-01T00:00:00.0000020' AS DATETIME2(7))",
            "[ts] >= CAST('2024-01-01T00:00:00.0000020' AS DATETIME2(7))", "[ts] IS NULL"),
        PartitionPlanner.range(MS, "ts", ColumnKind.TIMESTAMP, lo, hi, 2).predicates());
  }

  @Test
  void decimalRangesSplitTheWidthEvenly() {
    assertEquals(List.of("[m] < 0.25", "[m] >= 0.25 AND [m] < 0.5", "[m] >= 0.5 AND [m] < 0.75", "[m] >= 0.75", "[m] IS NULL"),
        PartitionPlanner.range(MS, "m", ColumnKind.FRACTIONAL, new BigDecimal("0"), new BigDecimal("1.00"), 4).predicates());
  }

  @Test
  void rangeOnATextColumnAsksForQuantileOrHash() {
    ConfigException e = assertThrows(ConfigException.class, () -> PartitionPlanner.range(PG, "k", ColumnKind.OTHER, "a", "z", 4));
    assertTrue(e.getMessage().contains("quantile"), e.getMessage());
  }

  @Test
  void quantileBoundariesBecomeRangesWithDuplicatesCollapsed() {
    assertEquals(List.of("\"k\" < 'g'", "\"k\" >= 'g' AND \"k\" < 'p'", "\"k\" >= 'p'", "\"k\" IS NULL"),
        PartitionPlanner.quantile(PG, "k", List.of("a", "g", "g", "p")).predicates());
    assertEquals(List.of("[k] < N'g'", "[k] >= N'g'", "[k] IS NULL"),
        PartitionPlanner.quantile(MS, "k", List.of("a", "g")).predicates());
    assertEquals(1, PartitionPlanner.quantile(PG, "k", List.of()).partitions());
    assertEquals(1, PartitionPlanner.quantile(PG, "k", List.of("a", "a")).partitions());
  }

  @Test
  void hashBucketsPlusNullsPerDialect() {
    assertEquals(List.of("(hashtext(CAST(\"k\" AS text)) % 3 + 3) % 3 = 0", "(hashtext(CAST(\"k\" AS text)) % 3 + 3) % 3 = 1",
            "(hashtext(CAST(\"k\" AS text)) % 3 + 3) % 3 = 2", "\"k\" IS NULL"),
        PartitionPlanner.hash(PG, "k", 3).predicates());
    assertEquals(List.of("(CHECKSUM([k]) % 2 + 2) % 2 = 0", "(CHECKSUM([k]) % 2 + 2) % 2 = 1", "[k] IS NULL"),
        PartitionPlanner.hash(MS, "k", 2).predicates());
  }

  @Test
  void configuredPredicatesAreUsedAsGiven() {
    assertEquals(List.of("a = 1", "a <> 1"), PartitionPlanner.explicit(List.of("a = 1", "a <> 1")).predicates());
  }

  @Test
  void integralCutsCoverTheWholeRangeForHugeSpans() {
    List<BigInteger> cuts = PartitionPlanner.integralCuts(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), 4);
    assertEquals(3, cuts.size());
    assertEquals(BigInteger.ZERO, cuts.get(1));
  }
}
