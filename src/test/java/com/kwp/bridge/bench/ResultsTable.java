package com.kwp.bridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as an aligned plain-text table (also pasted into the README's Performance section). */
final class ResultsTable {
  private static final String[] HEADER = {"operation", "path", "rows", "s", "rows/s", "x limit", "x atomic", "x baseline", "x tuned",
      "JVM cores", "DB cores", "other cores", "bound", "heap MiB", "heap after GC MiB", "note"};

  private ResultsTable() {}

  static String render(BenchResults r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Measurement m : r.measurements()) {
      rows.add(row(m, r.machine().cores()));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "TPC-H SF %s: lineitem %,d rows, orders %,d rows; %s; %d cores (%s); %s; %s%n",
        r.scale(), r.lineitemRows(), r.orderRows(), r.date(), r.machine().cores(), r.machine().cpu(),
        r.machine().spark(), r.machine().database()));
    sb.append(tdsLine(r));
    sb.append(align(rows));
    sb.append(goals(r));
    sb.append("\nwhere the JVM's CPU went (flight-recorder samples by component):\n");
    for (Measurement m : r.measurements()) {
      if (m.measured() && !m.usage().jvmProfile().isEmpty()) {
        sb.append("  ").append(m.group()).append(" / ").append(m.path()).append(": ").append(m.usage().jvmProfile()).append('\n');
      }
    }
    sb.append(latencyLine(r)).append('\n');
    sb.append("sync targets after INSERT+UPSERT+DELETE+REPLACE: ").append(r.syncTargets()).append('\n');
    return sb.toString();
  }

  /** Issue 20's extract goals, for the PostgreSQL rows and (when present) the TDS rows. */
  static String goals(BenchResults r) {
    String pg = ExtractGoals.render(r.measurements(), ExtractBench.GROUP);
    String tds = ExtractGoals.render(r.measurements(), TdsBench.EXTRACT);
    return (pg.isEmpty() ? "" : "\n" + pg) + (tds.isEmpty() ? "" : "\n" + tds);
  }

  /** What the TDS rows are and the endpoint's @@VERSION, or nothing when the run had no TDS endpoint. */
  static String tdsLine(BenchResults r) {
    return r.tdsServer().isEmpty() ? "" : "TDS rows: " + TdsEndpoint.label(r.tdsServer()) + ". @@VERSION: " + r.tdsServer() + "\n";
  }

  /** The compact Markdown table pasted into the README's Performance section (results.md). */
  static String markdown(BenchResults r) {
    StringBuilder sb = new StringBuilder(tdsLine(r).isEmpty() ? "" : tdsLine(r) + "\n");
    String goals = goals(r);
    sb.append("| operation | path | rows | s | rows/s | x limit | x atomic | x baseline | x tuned | JVM / DB / other cores | heap after GC MiB |\n"
        + "|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|\n");
    for (Measurement m : r.measurements()) {
      if (!m.measured()) {
        sb.append("| ").append(m.group()).append(" | ").append(m.path()).append(" | | | | | | | | | ").append(m.note()).append(" |\n");
        continue;
      }
      Usage u = m.usage();
      String split = Double.isNaN(u.jvmCpuSeconds()) ? "" : cores(u.jvmCores()) + " / " + cores(u.dbCores()) + " / " + cores(u.otherCores());
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %,.0f | %s | %s | %s | %s | %s | %s |%n", m.group(), m.path(),
          m.rows(), u.wallSeconds(), m.rowsPerSecond(), ratio(m.vsLimit()), ratio(m.vsAtomic()), ratio(m.vsBaseline()), ratio(m.vsTuned()),
          split, heapAfterGc(u)));
    }
    if (!goals.isEmpty()) {
      sb.append(goals.replaceAll("(?m)^  ", "- ")); // a Markdown list under the table
    }
    return sb.toString();
  }

  static String latencyLine(BenchResults r) {
    if (r.latencySeconds().isEmpty()) {
      return "latency of one small event under the 10 s trigger: " + r.latencyNote();
    }
    return "latency of one small event under the 10 s trigger (append -> completed), s: " + r.latencySeconds();
  }

  private static String[] row(Measurement m, int cores) {
    if (!m.measured()) {
      return new String[] {m.group(), m.path(), "", "", "", "", "", "", "", "", "", "", "", "", "", m.note()};
    }
    Usage u = m.usage();
    boolean cpu = !Double.isNaN(u.jvmCpuSeconds());
    return new String[] {m.group(), m.path(), String.format(Locale.ROOT, "%,d", m.rows()),
        String.format(Locale.ROOT, "%.2f", u.wallSeconds()), String.format(Locale.ROOT, "%,.0f", m.rowsPerSecond()),
        ratio(m.vsLimit()), ratio(m.vsAtomic()), ratio(m.vsBaseline()), ratio(m.vsTuned()), cores(u.jvmCores()), cores(u.dbCores()), cores(u.otherCores()),
        cpu ? u.bound(cores) : "", cpu ? Long.toString(u.heapPeakBytes() >> 20) : "", heapAfterGc(u), m.note()};
  }

  private static String cores(double c) {
    return Double.isNaN(c) ? "" : String.format(Locale.ROOT, "%.2f", c);
  }

  private static String heapAfterGc(Usage u) {
    if (Double.isNaN(u.jvmCpuSeconds())) {
      return "";
    }
    long mib = u.heapAfterGcPeakBytes() >> 20;
    return mib == 0 ? "no GC" : Long.toString(mib);
  }

  private static String ratio(Double r) {
    return r == null ? "" : String.format(Locale.ROOT, "%.2f", r);
  }

  private static String align(List<String[]> rows) {
    int[] width = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < rows.size(); n++) {
      String[] r = rows.get(n);
      sb.append("| ");
      for (int i = 0; i < r.length; i++) {
        boolean numeric = i >= 2 && i <= 14 && i != 12;
        String cell = numeric ? pad(r[i], width[i], true) : pad(r[i], width[i], false);
        sb.append(cell).append(" | ");
      }
      sb.setLength(sb.length() - 1);
      sb.append('\n');
      if (n == 0) {
        sb.append('|');
        for (int i = 0; i < r.length; i++) {
          boolean numeric = i >= 2 && i <= 14 && i != 12;
          sb.append("-".repeat(width[i] + 1)).append(numeric ? ":" : "-").append('|');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String pad(String s, int w, boolean right) {
    String fill = " ".repeat(w - s.length());
    return right ? fill + s : s + fill;
  }
}
