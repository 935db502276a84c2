package com.kwp.bridge.config;

import java.util.List;
import java.util.Optional;

/**
 * A table extracted by name ({@code extract.tables.<name>}): the source table as written (it may hold
 * {@code {param}} placeholders, resolved as names at run time), the columns to read (empty: all), a filter
 * from config (never from an event or the command line), and the same per-query options as a template.
 */
public record TableSpec(
    String name,
    String table,
    List<String> columns,
    Optional<String> where,
    Optional<Long> targetRowsPerPartition,
    QueryOptions options,
    ChangesOptions changes) {

  public TableSpec {
    columns = List.copyOf(columns);
  }

  /** A table with the default {@code mode = changes} settings. */
  public TableSpec(String name, String table, List<String> columns, Optional<String> where, Optional<Long> targetRowsPerPartition,
      QueryOptions options) {
    this(name, table, columns, where, targetRowsPerPartition, options, ChangesOptions.DEFAULTS);
  }

  /** A table named on the command line ({@code --table dbo.X}): every column, no filter, default options. */
  public static TableSpec adHoc(String name, String table) {
    return new TableSpec(name, table, List.of(), Optional.empty(), Optional.empty(), QueryOptions.defaults(name));
  }
}
