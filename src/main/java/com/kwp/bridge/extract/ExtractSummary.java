package com.kwp.bridge.extract;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Renders results as the aligned table printed at the end of a run, and as runs-table rows. */
public final class ExtractSummary {
  private static final String[] HEADERS = {"query", "country", "status", "mode", "format", "partitions", "rows read",
      "rows written", "seconds", "rows/s", "watermark", "destination"};

  private ExtractSummary() {}

  /** An aligned text table, one line per query, then one line per failed query with its error. */
  public static String table(List<QueryResult> results) {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADERS);
    for (QueryResult r : results) {
      lines.add(new String[] {r.query(), r.country(), r.status().name(), r.mode(), r.format(),
          String.valueOf(r.partitions()), String.format(Locale.ROOT, "%,d", r.rowsRead()),
          String.format(Locale.ROOT, "%,d", r.rowsWritten()), String.format(Locale.ROOT, "%.1f", r.seconds()),
          String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()), watermark(r), r.destination() == null ? "" : r.destination()});
    }
    int[] width = new int[HEADERS.length];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        boolean numeric = i >= 5 && i <= 9;
        String cell = numeric ? pad(l[i], width[i], true) : pad(l[i], width[i], false);
        sb.append(cell).append(i < l.length - 1 ? "  " : "");
      }
      sb.append(System.lineSeparator());
    }
    for (QueryResult r : results) {
      if (r.failed()) {
        sb.append("FAILED ").append(r.query()).append(": ").append(r.error()).append(System.lineSeparator());
      }
    }
    return sb.toString();
  }

  /** One runs-table row per result, in {@link com.kwp.bridge.lake.ExtractRunsTable#SCHEMA} order. */
  public static List<Row> rows(String runId, List<QueryResult> results) {
    List<Row> rows = new ArrayList<>();
    for (QueryResult r : results) {
      rows.add(RowFactory.create(runId, Timestamp.from(r.startedAt()), r.country(), r.query(), r.destination(), r.mode(),
          r.format(), r.partitions(), r.rowsRead(), r.rowsWritten(), r.seconds(), r.rowsPerSecond(),
          r.watermarkFrom(), r.watermarkTo(), r.status().name(), r.error()));
    }
    return rows;
  }

  private static String watermark(QueryResult r) {
    if (r.watermarkFrom() == null && r.watermarkTo() == null) {
      return "";
    }
    return (r.watermarkFrom() == null ? "(start)" : r.watermarkFrom()) + " -> " + (r.watermarkTo() == null ? "" : r.watermarkTo());
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }
}
