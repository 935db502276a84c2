package com.kwp.bridge.extract;

import com.kwp.bridge.error.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pure: the watermark of an incremental table with no incremental-column. A rowversion column (SQL Server)
 * wins; else the one non-null timestamp column (datetime2/datetime/smalldatetime, PostgreSQL timestamp)
 * whose name says it is a modification time; anything else is refused, listing the candidates.
 */
public final class WatermarkChooser {
  /** Names that say "last changed": modified, updated, fecha_modificacion, fecha_actualizacion, last_changed... */
  static final Pattern MODIFIED_NAME = Pattern.compile(".*(modif|updat|actualiz|chang|cambi|edit).*");

  private WatermarkChooser() {}

  /** The chosen column and why. */
  public record Choice(String column, boolean rowversion, String why) {}

  public static boolean looksModified(String column) {
    return MODIFIED_NAME.matcher(column.toLowerCase(Locale.ROOT)).matches();
  }

  /** @throws ConfigException naming the key to set and every candidate column when no single choice exists */
  public static Choice choose(String keyPath, TableMetadata t) {
    List<CatalogColumn> rowversions = t.columns().stream().filter(CatalogColumn::isRowversion).toList();
    if (rowversions.size() == 1) {
      return new Choice(rowversions.get(0).name(), true, "rowversion column " + rowversions.get(0).name() + " (binary(8), stamped on every insert and update)");
    }
    List<CatalogColumn> timestamps = t.columns().stream().filter(c -> c.kind() == ColumnKind.TIMESTAMP).toList();
    List<CatalogColumn> fit = timestamps.stream().filter(c -> c.notNull() && looksModified(c.name())).toList();
    if (fit.size() == 1) {
      return new Choice(fit.get(0).name(), false, "non-null " + fit.get(0).typeName() + " column " + fit.get(0).name()
          + " named like a modification time");
    }
    String candidates = timestamps.isEmpty() ? "none (the table has no rowversion or timestamp column)"
        : String.join(", ", timestamps.stream().map(c -> c.name() + " " + c.typeName() + (c.notNull() ? "" : " NULL")
            + (looksModified(c.name()) ? "" : " (name does not look like a modification time)")).toList());
    throw new ConfigException("Table " + t.table() + " runs in incremental mode but no watermark column can be chosen"
        + (fit.size() > 1 ? " (several fit)" : "") + "; candidates: " + candidates + ". Set " + keyPath
        + " (a rowversion, or a non-null datetime column maintained on every change).");
  }
}
