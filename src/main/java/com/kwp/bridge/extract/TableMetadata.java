package com.kwp.bridge.extract;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the catalog says about one table: columns, usable indexes and a row estimate (empty when unknown). */
public record TableMetadata(String table, List<CatalogColumn> columns, List<CatalogIndex> indexes, OptionalLong rowEstimate) {
  public TableMetadata {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
  }

  public Optional<CatalogColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<CatalogIndex> primaryKey() {
    return indexes.stream().filter(CatalogIndex::primary).findFirst();
  }

  /** The clustered index (SQL Server; PostgreSQL marks the index a table was last CLUSTERed on). */
  public Optional<CatalogIndex> clusteredIndex() {
    return indexes.stream().filter(CatalogIndex::clustered).findFirst();
  }
}
