package com.kwp.bridge.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of a finished statement as the API returns them in JSON_ARRAY format: every value a string or null. */
public record StatementResult(String statementId, List<String> columns, List<List<String>> rows) {
  public StatementResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** Rows as column-name maps, in column order. */
  public List<Map<String, String>> records() {
    List<Map<String, String>> out = new ArrayList<>();
    for (List<String> row : rows) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), i < row.size() ? row.get(i) : null);
      }
      out.add(m);
    }
    return out;
  }
}
