package com.kwp.bridge.security;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * One source a principal may read (send to SQL Server): a Unity Catalog name or name pattern
 * ({@code main.panel.results}, {@code main.panel.*}), matched on parsed name parts, case-insensitively as
 * Unity Catalog compares names; or a path ({@code /Volumes/main/panel/x}), matched exactly, or a folder
 * ({@code /Volumes/main/panel/*}) covering the tables directly inside it.
 */
public record SourceGrant(String text) implements Serializable {

  public SourceGrant {
    base(text); // parse now: a bad grant fails while permissions.conf is loaded
  }

  private static boolean isPath(String t) {
    return SourceName.looksLikePath(t);
  }

  private boolean wildcard() {
    return isPath(text) ? text.endsWith("/*") : text.endsWith(".*");
  }

  /** The grant without its wildcard (for a name pattern the last part is a placeholder that is not compared). */
  private static SourceName base(String t) {
    if (isPath(t) && t.endsWith("/*")) {
      return SourceName.parse(t.substring(0, t.length() - 2));
    }
    if (!isPath(t) && t.endsWith(".*")) {
      return SourceName.parse(t.substring(0, t.length() - 2) + ".x");
    }
    return SourceName.parse(t);
  }

  /** True when this grant covers {@code source}. */
  public boolean covers(SourceName source) {
    SourceName mine = base(text);
    if (mine.isPath() != source.isPath()) {
      return false;
    }
    if (mine.isPath()) {
      String p = source.path();
      return wildcard() ? p.startsWith(mine.path() + "/") && p.indexOf('/', mine.path().length() + 1) < 0 : p.equals(mine.path());
    }
    List<String> a = mine.parts();
    List<String> b = source.parts();
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      boolean placeholder = wildcard() && i == a.size() - 1;
      if (!placeholder && !a.get(i).toLowerCase(Locale.ROOT).equals(b.get(i).toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }
}
