package com.kwp.bridge.security;

import com.kwp.bridge.dialect.TableName;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One target table a principal may touch, as written in permissions.conf ({@code dbo.CalibrationResults},
 * {@code [my db].dbo.t}, {@code dbo.*} for every table of a schema). The text is parsed once into name parts,
 * and the target an event names is compared part by part, so a bracketed part holding a dot never matches two parts.
 */
public record Grant(String table, Access access, long maxDeleteRows, boolean replace) implements Serializable {
  private static final String WILDCARD = ".*";

  public Grant {
    Objects.requireNonNull(table);
    pattern(table); // parse now: a bad name fails while permissions.conf is loaded
  }

  /** A grant without {@code replace = true}: REPLACE is refused. */
  public Grant(String table, Access access, long maxDeleteRows) {
    this(table, access, maxDeleteRows, false);
  }

  /** The parsed grant: a full name, or (wildcard) the schema-level prefix whose table part is ignored. */
  private static TableName pattern(String text) {
    return text.endsWith(WILDCARD) ? TableName.parse(text.substring(0, text.length() - WILDCARD.length()) + ".x") : TableName.parse(text);
  }

  boolean wildcard() {
    return table.endsWith(WILDCARD);
  }

  /**
   * True when this grant covers {@code target}: the same number of parts, each equal ({@code caseSensitive} as
   * the target database compares quoted identifiers: SQL Server by default not, PostgreSQL yes).
   */
  public boolean covers(TableName target, boolean caseSensitive) {
    TableName mine = pattern(table);
    return same(mine.catalog(), target.catalog(), caseSensitive) && same(mine.schema(), target.schema(), caseSensitive)
        && (wildcard() || same(mine.table(), target.table(), caseSensitive));
  }

  private static boolean same(String a, String b, boolean caseSensitive) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return caseSensitive ? a.equals(b) : a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }
}
