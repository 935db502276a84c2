package com.kwp.bridge.extract;

import com.kwp.bridge.dialect.ReadSql;
import com.kwp.bridge.error.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure partition planning: from bounds or boundaries to predicates, no I/O. Ranges are half-open and
 * contiguous; the first is open below and the last open above, so a row outside the probed or configured
 * bounds still lands in exactly one partition, and NULLs of the column get a partition of their own.
 */
public final class PartitionPlanner {
  private PartitionPlanner() {}

  /** Predicates from config, used as given. */
  public static PartitionPlan explicit(List<String> predicates) {
    return new PartitionPlan(predicates, predicates.size() + " configured predicates");
  }

  /**
   * Equal-width ranges over [lo, hi] for numeric, date and timestamp columns. {@code lo}/{@code hi} are
   * {@link Number}, {@link LocalDate} or {@link LocalDateTime}; null bounds (no rows) give one partition.
   */
  public static PartitionPlan range(ReadSql reads, String column, ColumnKind kind, Object lo, Object hi, int partitions) {
    if (lo == null || hi == null) {
      return PartitionPlan.single("no rows to bound " + column);
    }
    if (partitions <= 1) {
      return PartitionPlan.single("num-partitions = 1");
    }
    if (kind == ColumnKind.OTHER) {
      throw new ConfigException("Partition column " + column + " is neither numeric nor a date/timestamp;"
          + " use partition-strategy = quantile or hash.");
    }
    List<Object> cuts = equalWidthCuts(kind, lo, hi, partitions);
    return fromCuts(reads, column, cuts, "range of " + column + " [" + lo + ", " + hi + "]");
  }

  /** The inner cut points of at most {@code n} equal-width ranges over [lo, hi] (numeric, date, timestamp). */
  public static List<Object> equalWidthCuts(ColumnKind kind, Object lo, Object hi, int n) {
    return switch (kind) {
      case INTEGRAL -> integralCuts(toBigInteger(lo), toBigInteger(hi), n).stream().map(b -> (Object) b).toList();
      case FRACTIONAL -> fractionalCuts(new BigDecimal(lo.toString()), new BigDecimal(hi.toString()), n);
      case DATE -> integralCuts(BigInteger.valueOf(((LocalDate) lo).toEpochDay()), BigInteger.valueOf(((LocalDate) hi).toEpochDay()), n)
          .stream().map(d -> (Object) LocalDate.ofEpochDay(d.longValueExact())).toList();
      case TIMESTAMP -> integralCuts(micros((LocalDateTime) lo), micros((LocalDateTime) hi), n)
          .stream().map(m -> (Object) fromMicros(m)).toList();
      case OTHER -> throw new IllegalArgumentException("no equal-width ranges for a column of kind OTHER");
    };
  }

  /**
   * Equal-count buckets from the lowest value of each NTILE bucket (ascending, as returned by
   * {@link ReadSql#quantileBoundariesQuery}); the first bucket's low is the minimum and cuts nothing.
   */
  public static PartitionPlan quantile(ReadSql reads, String column, List<Object> bucketLows) {
    List<Object> cuts = new ArrayList<>();
    for (int i = 1; i < bucketLows.size(); i++) {
      Object v = bucketLows.get(i);
      if (v != null && (cuts.isEmpty() || !cuts.get(cuts.size() - 1).equals(v)) && !v.equals(bucketLows.get(0))) {
        cuts.add(v);
      }
    }
    if (cuts.isEmpty()) {
      return PartitionPlan.single(bucketLows.isEmpty() ? "no rows to bound " + column : "one distinct value of " + column);
    }
    return fromCuts(reads, column, cuts, "quantiles of " + column);
  }

  /** {@code partitions} hash buckets of the column plus one for its NULLs. */
  public static PartitionPlan hash(ReadSql reads, String column, int partitions) {
    if (partitions <= 1) {
      return PartitionPlan.single("num-partitions = 1");
    }
    List<String> predicates = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      predicates.add(reads.hashBucketPredicate(column, partitions, i));
    }
    predicates.add(reads.isNullPredicate(column));
    return new PartitionPlan(predicates, partitions + " hash buckets of " + column);
  }

  private static PartitionPlan fromCuts(ReadSql reads, String column, List<Object> cuts, String what) {
    if (cuts.isEmpty()) {
      return PartitionPlan.single("one distinct value in " + what);
    }
    List<String> predicates = new ArrayList<>();
    String previous = null;
    for (Object cut : cuts) {
      String literal = reads.names().literal(cut);
      predicates.add(reads.rangePredicate(column, previous, literal));
      previous = literal;
    }
    predicates.add(reads.rangePredicate(column, previous, null));
    predicates.add(reads.isNullPredicate(column));
    return new PartitionPlan(predicates, (cuts.size() + 1) + " ranges + NULLs, " + what);
  }

  /** Cut points splitting the integers [lo, hi] into at most {@code n} non-empty ranges. */
  static List<BigInteger> integralCuts(BigInteger lo, BigInteger hi, int n) {
    BigInteger count = hi.subtract(lo).add(BigInteger.ONE);
    int parts = count.compareTo(BigInteger.valueOf(n)) < 0 ? count.intValueExact() : n;
    List<BigInteger> cuts = new ArrayList<>();
    for (int i = 1; i < parts; i++) {
      cuts.add(lo.add(count.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts))));
    }
    return cuts;
  }

  private static List<Object> fractionalCuts(BigDecimal lo, BigDecimal hi, int n) {
    List<Object> cuts = new ArrayList<>();
    if (lo.compareTo(hi) >= 0) {
      return cuts;
    }
    BigDecimal width = hi.subtract(lo).divide(BigDecimal.valueOf(n), MathContext.DECIMAL64);
    for (int i = 1; i < n; i++) {
      BigDecimal cut = lo.add(width.multiply(BigDecimal.valueOf(i))).round(MathContext.DECIMAL64).stripTrailingZeros();
      cuts.add(cut.scale() < 0 ? cut.setScale(0, RoundingMode.UNNECESSARY) : cut);
    }
    return cuts;
  }

  private static BigInteger toBigInteger(Object v) {
    return new BigDecimal(v.toString()).toBigIntegerExact();
  }

  private static BigInteger micros(LocalDateTime t) {
    return BigInteger.valueOf(ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t));
  }

  private static LocalDateTime fromMicros(BigInteger micros) {
    return LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC).plus(micros.longValueExact(), ChronoUnit.MICROS);
  }
}
