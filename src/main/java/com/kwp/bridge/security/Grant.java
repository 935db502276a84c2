package com.kwp.bridge.security;

import java.io.Serializable;
import java.util.Locale;

/**
 * One table a principal may touch. {@code table} is the dotted unquoted name as written in
 * permissions.conf ({@code dbo.CalibrationResults}, {@code db.dbo.t}); a last part {@code *} covers a schema.
 */
public record Grant(String table, Access access, long maxDeleteRows) implements Serializable {

  /** True when this grant covers the target (compared case-insensitively, as SQL Server's default collation does). */
  public boolean covers(String targetDotted) {
    String mine = table.toLowerCase(Locale.ROOT);
    String theirs = targetDotted.toLowerCase(Locale.ROOT);
    if (mine.endsWith(".*")) {
      String prefix = mine.substring(0, mine.length() - 1);
      return theirs.startsWith(prefix) && theirs.indexOf('.', prefix.length()) < 0;
    }
    return mine.equals(theirs);
  }
}
