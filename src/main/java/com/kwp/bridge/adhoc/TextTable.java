package com.kwp.bridge.adhoc;

import java.util.ArrayList;
import java.util.List;

/** Pure: rows as an aligned text table with a header rule, for the console. */
public final class TextTable {
  private TextTable() {}

  public static String render(List<String> headers, List<List<String>> rows) {
    int[] width = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], cell(r, i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    line(sb, rule, width);
    rows.forEach(r -> line(sb, r, width));
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = cell(cells, i);
      l.append(c).append(" ".repeat(width[i] - c.length())).append(i < width.length - 1 ? "  " : "");
    }
    sb.append(l.toString().stripTrailing()).append(System.lineSeparator());
  }

  /** Control characters (a newline inside a value) would break the alignment; they are shown escaped. */
  private static String cell(List<String> cells, int i) {
    String v = i < cells.size() ? cells.get(i) : "";
    return v.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}
