package com.kwp.bridge.extract;

import java.util.Locale;

/** A table column as the database catalog describes it (not as a query's result set does). */
public record CatalogColumn(String name, String typeName, boolean notNull, boolean identity) {

  /** The column's kind for partitioning and watermarks, from the catalog's type name (SQL Server or PostgreSQL spelling). */
  public ColumnKind kind() {
    String t = typeName.toLowerCase(Locale.ROOT);
    if (t.equals("bigint") || t.equals("int") || t.equals("integer") || t.equals("smallint") || t.equals("tinyint")) {
      return ColumnKind.INTEGRAL;
    }
    if (t.equals("date")) {
      return ColumnKind.DATE;
    }
    // PostgreSQL "timestamp [(p)] with[out] time zone"; SQL Server's "timestamp" is reported as rowversion
    if (t.startsWith("timestamp") || t.equals("datetime") || t.equals("datetime2") || t.equals("smalldatetime")) {
      return ColumnKind.TIMESTAMP;
    }
    if (t.startsWith("numeric") || t.startsWith("decimal") || t.equals("real") || t.equals("float") || t.startsWith("double")) {
      return ColumnKind.FRACTIONAL;
    }
    return ColumnKind.OTHER;
  }

  /** SQL Server rowversion (alias timestamp): a database-wide binary(8) stamped on every insert and update. */
  public boolean isRowversion() {
    return typeName.equalsIgnoreCase("rowversion");
  }

  /** Text keys: ordered by the database's collation, usable only through quantile boundaries. */
  public boolean isText() {
    String t = typeName.toLowerCase(Locale.ROOT);
    return t.contains("char") || t.equals("text") || t.equals("uniqueidentifier") || t.equals("uuid");
  }

  @Override
  public String toString() {
    return name + " " + typeName + (notNull ? " NOT NULL" : "") + (identity ? " IDENTITY" : "");
  }
}
