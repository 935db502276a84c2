package com.kwp.bridge.extract;

import java.util.List;

/** A usable index of a table: its key columns in order. */
public record CatalogIndex(String name, boolean primary, boolean clustered, boolean unique, List<String> columns) {
  public CatalogIndex {
    columns = List.copyOf(columns);
  }

  @Override
  public String toString() {
    return (primary ? "PRIMARY KEY " : clustered ? "CLUSTERED " : unique ? "UNIQUE " : "") + name + " (" + String.join(", ", columns) + ")";
  }
}
