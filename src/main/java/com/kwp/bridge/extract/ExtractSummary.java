package com.kwp.bridge.extract;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Renders results as the aligned table printed at the end of a run (at most {@link #WIDTH} columns: the
 * country and the destination folder are in the heading, a failed row's detail says why in a short phrase; the
 * full error is in the log and the runs table), and as runs-table rows.
 */
public final class ExtractSummary {
  /** The table never gets wider than this (a terminal, a Databricks run page). */
  public static final int WIDTH = 120;
  private static final String[] HEADERS = {"query", "status", "mode", "format", "parts", "rows", "seconds", "rows/s", "detail"};
  private static final int MAX_QUERY = 24;

  private ExtractSummary() {}

  /**
   * An aligned text table, one line per query; the detail says why a query failed (shortened to fit its row) or
   * was skipped; another long detail (a watermark) goes on the next line, indented, rather than be cut.
   */
  public static String table(List<QueryResult> results) {
    List<String[]> lines = new ArrayList<>();
    List<String[]> failed = new ArrayList<>(); // their reason stays on their row, where it is read
    lines.add(HEADERS);
    for (QueryResult r : results) {
      String[] line = {cut(r.query(), MAX_QUERY), r.status().name(), text(r.mode()), text(r.format()),
          String.valueOf(r.partitions()), String.format(Locale.ROOT, "%,d", r.rowsWritten()),
          String.format(Locale.ROOT, "%.1f", r.seconds()), String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()), detail(r)};
      lines.add(line);
      if (r.failed()) {
        failed.add(line);
      }
    }
    int last = HEADERS.length - 1;
    int[] width = new int[HEADERS.length];
    for (String[] l : lines) {
      for (int i = 0; i < last; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    int used = 0;
    for (int i = 0; i < last; i++) {
      used += width[i] + 2;
    }
    int detailWidth = Math.max(12, WIDTH - used);
    StringBuilder sb = new StringBuilder();
    for (String[] l : lines) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < last; i++) {
        boolean numeric = i >= 4 && i <= 7;
        line.append(pad(l[i], width[i], numeric)).append("  ");
      }
      if (l[last].length() <= detailWidth || failed.contains(l)) {
        line.append(cut(l[last], detailWidth));
        sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
      } else {
        // A long reason gets its own indented line rather than widening the table.
        sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        sb.append(cut("    " + l[last], WIDTH)).append(System.lineSeparator());
      }
    }
    return sb.toString();
  }

  /** The heading above the table: country, run and where the outputs are. */
  public static String heading(String country, String runId, List<QueryResult> results) {
    String where = results.stream().map(QueryResult::destination).filter(d -> d != null).findFirst()
        .map(d -> d.contains("/") ? d.substring(0, d.lastIndexOf('/')) + "/<query>" : d).orElse("");
    return "Extract " + country + " (run " + runId + ")" + (where.isEmpty() ? "" : " -> " + where);
  }

  /** Why a row looks the way it does, in a few words. */
  static String detail(QueryResult r) {
    return switch (r.status()) {
      case FAILED -> reason(r.error());
      case SKIPPED -> "output exists; --overwrite replaces it";
      case OK -> {
        String wm = watermark(r);
        String read = r.rowsRead() != r.rowsWritten() ? "read " + String.format(Locale.ROOT, "%,d", r.rowsRead()) + "; " : "";
        String detail = read + (wm.isEmpty() ? "" : "watermark " + wm);
        yield r.schemaChanges().isEmpty() ? detail : (detail.isEmpty() ? "" : detail + "; ") + schemaNote(r);
      }
    };
  }

  private static String schemaNote(QueryResult r) {
    int n = r.schemaChanges().size();
    return "schema: " + n + (n == 1 ? " change" : " changes") + " (below)";
  }

  /**
   * Every schema difference of every query and what was done, one per line under the table (wrapped, never
   * cut, at {@link #WIDTH}); empty when there were none.
   */
  public static String schemaChanges(List<QueryResult> results) {
    StringBuilder sb = new StringBuilder();
    for (QueryResult r : results) {
      for (SchemaChange c : r.schemaChanges()) {
        wrap(sb, "  " + cut(r.query(), MAX_QUERY) + ": " + c.text());
      }
    }
    return sb.isEmpty() ? "" : "Schema changes (the source's columns against the existing output):" + System.lineSeparator() + sb;
  }

  private static void wrap(StringBuilder sb, String line) {
    String rest = line;
    while (rest.length() > WIDTH) {
      int cutAt = rest.lastIndexOf(' ', WIDTH);
      cutAt = cutAt <= 8 ? WIDTH : cutAt;
      sb.append(rest, 0, cutAt).append(System.lineSeparator());
      rest = "      " + rest.substring(cutAt).strip();
    }
    sb.append(rest).append(System.lineSeparator());
  }

  /**
   * A failure as a short phrase: the first line of the message, without exception class names, without the
   * statement text a database error appends (the template can be long and holds comments), and for a database
   * error its own words alone (they name the missing table or column): the step that met it ({@code read the
   * columns of the query failed: }), the severity ({@code ERROR: }), the SQLState and the wrapping Spark exception
   * are in the log.
   */
  static String reason(String error) {
    if (error == null || error.isBlank()) {
      return "failed (see the log)";
    }
    String s = error.strip();
    int nl = s.indexOf('\n');
    s = nl < 0 ? s : s.substring(0, nl);
    int running = s.indexOf(" while running:");
    s = running < 0 ? s : s.substring(0, running);
    s = s.replaceAll("^([A-Za-z0-9_$.]*(Exception|Error)(: )?)+", "");
    s = s.replaceAll("\\s*\\[SQLState [^\\]]*\\]", "").replaceFirst("\\s*\\([A-Za-z0-9_$.]*(Exception|Error)\\)$", "");
    s = s.replaceFirst("^([A-Za-z][A-Za-z0-9 _'-]* failed: )+", "");
    s = s.replaceFirst("^(ERROR|FATAL|PANIC): ", "");
    return s.strip();
  }

  /** One runs-table row per result, in {@link com.kwp.bridge.lake.ExtractRunsTable#SCHEMA} order. */
  public static List<Row> rows(String runId, List<QueryResult> results) {
    List<Row> rows = new ArrayList<>();
    for (QueryResult r : results) {
      rows.add(RowFactory.create(runId, Timestamp.from(r.startedAt()), r.country(), r.query(), r.destination(), r.mode(),
          r.format(), r.partitions(), r.rowsRead(), r.rowsWritten(), r.seconds(), r.rowsPerSecond(),
          r.watermarkFrom(), r.watermarkTo(), r.status().name(), r.error(), schemaChangesText(r)));
    }
    return rows;
  }

  /** The runs table's {@code schema_changes}: every change and what was done, {@code "; "}-separated; NULL when none. */
  static String schemaChangesText(QueryResult r) {
    return r.schemaChanges().isEmpty() ? null
        : String.join("; ", r.schemaChanges().stream().map(SchemaChange::text).toList());
  }

  private static String watermark(QueryResult r) {
    if (r.watermarkFrom() == null && r.watermarkTo() == null) {
      return "";
    }
    return (r.watermarkFrom() == null ? "(start)" : r.watermarkFrom()) + " -> " + (r.watermarkTo() == null ? "" : r.watermarkTo());
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static String cut(String s, int max) {
    String t = text(s);
    return t.length() <= max ? t : t.substring(0, Math.max(0, max - 3)) + "...";
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }
}
