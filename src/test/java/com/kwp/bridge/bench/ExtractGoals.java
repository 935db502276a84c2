package com.kwp.bridge.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 20's goals read off one run's extract rows: per format, the bridge with 4 partitions and with its
 * automatic choice, as rates divided by the drained binary COPY (the limit), by Spark's default JDBC reader,
 * and by the bridge's own single partition.
 */
final class ExtractGoals {
  static final double VS_LIMIT = 0.6;
  static final double VS_SPARK = 2.0;
  static final double VS_ONE_PARTITION = 1.6;

  private ExtractGoals() {}

  /** One line per format and bridge path of {@code group}, or nothing when the run has no such rows. */
  static String render(List<Measurement> all, String group) {
    StringBuilder sb = new StringBuilder();
    Optional<Measurement> limit = find(all, group, "limit: ");
    for (String format : List.of("parquet", "delta")) {
      Optional<Measurement> spark = find(all, group, "baseline: Spark JDBC default -> " + format);
      Optional<Measurement> one = find(all, group, "bridge -> " + format + ", 1 partition");
      for (String path : List.of("4 partitions", "automatic")) {
        Optional<Measurement> bridge = find(all, group, "bridge -> " + format + ", " + path);
        if (bridge.isEmpty() || limit.isEmpty() || spark.isEmpty() || one.isEmpty()) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, "  %s, %s: %s the limit, %s Spark's default reader, %s one partition%n", format, path,
            goal(bridge.get(), limit.get(), VS_LIMIT), goal(bridge.get(), spark.get(), VS_SPARK), goal(bridge.get(), one.get(), VS_ONE_PARTITION)));
      }
    }
    return sb.length() == 0 ? "" : group + " against issue 20's goals (rate ratios of this run):\n" + sb;
  }

  private static String goal(Measurement bridge, Measurement other, double target) {
    double r = bridge.rowsPerSecond() / other.rowsPerSecond();
    return String.format(Locale.ROOT, "%.2fx (goal >= %.1fx: %s)", r, target, r >= target ? "met" : "missed");
  }

  private static Optional<Measurement> find(List<Measurement> all, String group, String pathPrefix) {
    return all.stream().filter(m -> m.group().equals(group) && m.measured() && m.path().startsWith(pathPrefix)).findFirst();
  }
}
