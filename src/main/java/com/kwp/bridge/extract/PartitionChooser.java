package com.kwp.bridge.extract;

import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.error.DatabaseException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Automatic partitioning of a table extracted by name with no partition-column: the column from the
 * table's own keys, the count from its row estimate, and equal-width ranges unless a sample shows the key
 * is skewed, in which case quantile (NTILE) boundaries. See README "Extract whole tables (no SQL)".
 */
public final class PartitionChooser {
  private static final Logger LOG = Logger.getLogger(PartitionChooser.class.getName());
  /** A sampled range holding more than this many times its even share makes the key "skewed". */
  static final double SKEW_LIMIT = 2.0;
  /** Rows the skew sample aims at; small tables are sampled whole. */
  static final long SAMPLE_ROWS = 20_000;
  /** Fewer sampled rows than this per range say nothing about skew. */
  static final long MIN_SAMPLE_PER_RANGE = 10;

  private final SqlDialect dialect;
  private final SourceProbe probe;

  public PartitionChooser(SqlDialect dialect, SourceProbe probe) {
    this.dialect = dialect;
    this.probe = probe;
  }

  /**
   * The column to split on and why; {@code quantileOnly} for text keys (no equal-width ranges);
   * {@code scansTable} when no index serves the column, so every partition scans the whole table.
   */
  public record Candidate(String column, ColumnKind kind, boolean quantileOnly, boolean scansTable, String why) {}

  /** How many partitions and why. */
  public record Count(int partitions, String why) {}

  /**
   * Sizing inputs: a configured count (wins), the target rows per partition, the cap, the count when the
   * estimate is unknown, and the Spark task slots (tasks that run at once; 0 when unknown).
   */
  public record Sizing(Optional<Integer> configured, long targetRows, int maxPartitions, int fallback, int taskSlots) {}

  /** The plan and the sentence explaining it (run log, list-queries, run-query INFO). */
  public record Choice(PartitionPlan plan, String reason) {}

  /**
   * Pure: a single-column integer/date primary key, else such a clustered index, else an identity column,
   * else the integer/date leading column of a composite primary key or clustered index, else a single-column
   * text primary key (quantiles only), else, for a table with no key or clustered index at all, its first
   * non-null integer/date column; empty with the reason when the table has none.
   */
  public static Optional<Candidate> candidate(TableMetadata t, List<String> notes) {
    Optional<CatalogIndex> pk = t.primaryKey();
    Optional<CatalogIndex> clustered = t.clusteredIndex();
    for (Optional<CatalogIndex> idx : List.of(pk, clustered)) {
      if (idx.isPresent() && idx.get().columns().size() == 1) {
        CatalogColumn c = t.column(idx.get().columns().get(0)).orElseThrow();
        if (ordered(c)) {
          return Optional.of(new Candidate(c.name(), c.kind(), false, false,
              (idx.get().primary() ? "single-column primary key " : "clustered index ") + idx.get().name() + " (" + c.typeName() + ")"));
        }
        notes.add((idx.get().primary() ? "primary key " : "clustered index ") + idx.get().name() + " is on " + c.name() + " " + c.typeName()
            + ", not an integer or date");
      }
    }
    for (CatalogColumn c : t.columns()) {
      if (c.identity() && c.kind() == ColumnKind.INTEGRAL) {
        return Optional.of(new Candidate(c.name(), c.kind(), false, false, "identity column (" + c.typeName() + ")"));
      }
    }
    for (Optional<CatalogIndex> idx : List.of(pk, clustered)) {
      if (idx.isPresent() && idx.get().columns().size() > 1) {
        CatalogColumn c = t.column(idx.get().columns().get(0)).orElseThrow();
        if (ordered(c)) {
          return Optional.of(new Candidate(c.name(), c.kind(), false, false, "leading column of " + (idx.get().primary() ? "primary key " : "clustered index ")
              + idx.get().name() + " (" + String.join(", ", idx.get().columns()) + ")"));
        }
      }
    }
    for (Optional<CatalogIndex> idx : List.of(pk, clustered)) {
      if (idx.isPresent() && idx.get().columns().size() == 1) {
        CatalogColumn c = t.column(idx.get().columns().get(0)).orElseThrow();
        if (c.isText()) {
          return Optional.of(new Candidate(c.name(), c.kind(), true, false, "text " + (idx.get().primary() ? "primary key " : "clustered index ")
              + idx.get().name() + " (" + c.typeName() + "), cut at quantile boundaries"));
        }
      }
    }
    if (pk.isEmpty() && clustered.isEmpty()) {
      // A heap: any split scans the whole table once per partition, which still pays when the reader (the
      // Spark side) rather than the database is the bottleneck, as a hand-written partition-column would.
      for (CatalogColumn c : t.columns()) {
        if (c.notNull() && (c.kind() == ColumnKind.INTEGRAL || c.kind() == ColumnKind.DATE)) {
          return Optional.of(new Candidate(c.name(), c.kind(), false, true, "first non-null " + c.typeName()
              + " column of a table with no key or clustered index (each partition scans the table; add a key or set partition-column)"));
        }
      }
      notes.add("no primary key or clustered index");
    }
    notes.add("no integer identity column");
    return Optional.empty();
  }

  /** Pure: the configured count, else ceil(estimate / target) within [1, max], else the fallback. */
  public static Count count(OptionalLong estimate, Sizing s) {
    if (s.configured().isPresent()) {
      return new Count(s.configured().get(), "num-partitions = " + s.configured().get() + " (configured)");
    }
    if (estimate.isEmpty()) {
      return new Count(s.fallback(), "an unknown row estimate (table never analyzed?): extract.num-partitions = " + s.fallback());
    }
    long est = estimate.getAsLong();
    long n = Math.max(1, (est + s.targetRows() - 1) / s.targetRows());
    int parts = (int) Math.min(n, s.maxPartitions());
    return new Count(parts, String.format(Locale.ROOT, "~%,d rows / %,d per partition%s", est, s.targetRows(),
        n > s.maxPartitions() ? " (capped by extract.max-partitions = " + s.maxPartitions() + ")" : ""));
  }

  /**
   * Pure: a count of partitions that each scan the whole table, at most the task slots (unless configured).
   * Partitions beyond the slots run after the first ones finish, so they add whole-table scans on the
   * source and no parallelism (measured: SF 1 lineitem, 2 slots, 7 partitions 25.3 s vs 2 partitions 20.5 s).
   */
  static Count cappedAtSlots(Count count, Sizing s) {
    if (s.configured().isPresent() || s.taskSlots() < 1 || count.partitions() <= s.taskSlots()) {
      return count;
    }
    return new Count(s.taskSlots(), count.why() + ", capped at Spark's " + s.taskSlots() + " task slots since each partition scans the table");
  }

  /**
   * Pure: the skew verdict over sampled rows per equal-width range; null when the sample is too small to
   * tell. Skewed when the fullest range holds more than {@link #SKEW_LIMIT} times its even share.
   */
  public static Boolean skewed(long[] sampled) {
    long total = 0;
    long max = 0;
    for (long n : sampled) {
      total += n;
      max = Math.max(max, n);
    }
    if (total < MIN_SAMPLE_PER_RANGE * sampled.length) {
      return null;
    }
    return max > SKEW_LIMIT * total / sampled.length;
  }

  /** Page-sample percentage aiming at {@link #SAMPLE_ROWS} rows; whole table (100) when small. */
  static BigDecimal samplePercent(long estimate) {
    if (estimate <= SAMPLE_ROWS) {
      return BigDecimal.valueOf(100);
    }
    BigDecimal p = BigDecimal.valueOf(SAMPLE_ROWS * 100.0 / estimate).setScale(4, RoundingMode.UP);
    return p.max(new BigDecimal("0.0001")).stripTrailingZeros();
  }

  /** Chooses the plan for {@code table} read as {@code sql} (the whole-table query, possibly restricted by a watermark). */
  public Choice choose(TableSource.ResolvedTable table, TableMetadata md, String sql, Sizing sizing) {
    List<String> notes = new ArrayList<>();
    Optional<Candidate> cand = candidate(md, notes);
    Count count = count(md.rowEstimate(), sizing);
    if (cand.isEmpty()) {
      return single("no key to split on (" + String.join("; ", notes) + "); set partition-column to partition " + table.output());
    }
    Candidate c = cand.get();
    if (c.scansTable()) {
      count = cappedAtSlots(count, sizing);
    }
    if (count.partitions() <= 1) {
      return single("small table: " + count.why() + ", so 1 partition (" + c.column() + " would be the column)");
    }
    String head = "auto: " + c.column() + " from " + c.why() + "; " + count.partitions() + " partitions from " + count.why();
    if (c.quantileOnly()) {
      PartitionPlan p = PartitionPlanner.quantile(dialect.reads(), c.column(), probe.quantileLows(sql, c.column(), count.partitions()));
      return explained(p, head + "; quantile boundaries (text key)");
    }
    SourceProbe.Bounds b = probe.bounds(sql, c.column());
    if (b.isEmpty()) {
      return explained(PartitionPlanner.range(dialect.reads(), c.column(), c.kind(), null, null, count.partitions()), head);
    }
    List<Object> cuts = PartitionPlanner.equalWidthCuts(c.kind(), b.lo(), b.hi(), count.partitions());
    String skew = "";
    if (!cuts.isEmpty() && md.rowEstimate().isPresent()) {
      BigDecimal percent = samplePercent(md.rowEstimate().getAsLong());
      try {
        long[] sampled = probe.rangeCounts(dialect.reads().sampledRangeCountsQuery(table.renderedName(), table.where(), c.column(),
            cuts.stream().map(dialect.names()::literal).toList(), percent), cuts.size() + 1);
        Boolean verdict = skewed(sampled);
        long total = java.util.Arrays.stream(sampled).sum();
        long max = java.util.Arrays.stream(sampled).max().orElse(0);
        String share = String.format(Locale.ROOT, "the fullest of %d equal-width ranges holds %,d of %,d sampled rows (%s%% page sample)",
            sampled.length, max, total, percent.toPlainString());
        if (Boolean.TRUE.equals(verdict)) {
          PartitionPlan p = PartitionPlanner.quantile(dialect.reads(), c.column(), probe.quantileLows(sql, c.column(), count.partitions()));
          return explained(p, head + "; skewed key: " + share + ", over " + SKEW_LIMIT + "x its even share, so quantile boundaries");
        }
        skew = verdict == null ? "; skew not checked (sample of " + total + " rows too small)" : "; even key: " + share;
      } catch (DatabaseException e) {
        LOG.warning(() -> "Skew sample of " + table.renderedName() + " failed, using equal-width ranges: " + e.getMessage());
        skew = "; skew not checked (sample failed)";
      }
    } else if (md.rowEstimate().isEmpty()) {
      skew = "; skew not checked (no row estimate)";
    }
    return explained(PartitionPlanner.range(dialect.reads(), c.column(), c.kind(), b.lo(), b.hi(), count.partitions()), head + skew + ", equal-width ranges");
  }

  private static Choice single(String why) {
    PartitionPlan p = PartitionPlan.single(why);
    return new Choice(p, p.description());
  }

  private static Choice explained(PartitionPlan p, String why) {
    PartitionPlan withWhy = new PartitionPlan(p.predicates(), p.description() + " [" + why + "]");
    return new Choice(withWhy, withWhy.description());
  }

  private static boolean ordered(CatalogColumn c) {
    return c.kind() == ColumnKind.INTEGRAL || c.kind() == ColumnKind.DATE || c.kind() == ColumnKind.TIMESTAMP;
  }
}
