package com.kwp.bridge.security;

import com.kwp.bridge.error.ValidationException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;

/**
 * A source as an event names it: a table name split into parts by Spark's own parser (backtick quoting, so
 * {@code `a.b`} is one part), or a normalised path. Grants and the bridge-owned check compare these parts.
 */
public record SourceName(String text, List<String> parts, String path) implements Serializable {

  /** Paths start with '/' or '.', carry a URI scheme, or a backslash (same rule as the lake's TableRef). */
  public static boolean looksLikePath(String text) {
    return text.startsWith("/") || text.startsWith(".") || text.contains(":/") || text.contains("\\");
  }

  public boolean isPath() {
    return path != null;
  }

  /** Parses {@code text}; a path with {@code .} or {@code ..} segments is refused (it could escape a granted folder). */
  public static SourceName parse(String text) {
    ValidationException.check(text != null && !text.isBlank(), "source_table is empty");
    String t = text.trim();
    if (looksLikePath(t)) {
      // Repeated slashes (not the scheme's "//") collapse, so one folder has one spelling.
      String p = withoutFileScheme(t).replace('\\', '/').replaceAll("(?<!:)/{2,}", "/");
      while (p.length() > 1 && p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      for (String seg : p.split("/")) {
        ValidationException.check(!seg.equals(".") && !seg.equals(".."), "source path '%s' has a '.' or '..' segment; give the path as it is", text);
      }
      ValidationException.check(!p.startsWith("."), "source path '%s' is relative; give an absolute path", text);
      return new SourceName(t, List.of(), p);
    }
    List<String> parts;
    try {
      parts = scala.collection.JavaConverters.seqAsJavaList(CatalystSqlParser$.MODULE$.parseMultipartIdentifier(t));
    } catch (Exception e) {
      throw new ValidationException("source_table '" + text + "' is not a table name (catalog.schema.table, parts quoted with backticks) or a path");
    }
    ValidationException.check(!parts.isEmpty() && parts.size() <= 3, "source_table '%s' has %d name parts; expected [catalog.]schema.table",
        text, parts.size());
    return new SourceName(t, List.copyOf(parts), null);
  }

  /**
   * A bridge table or folder as configured: a relative local path is made absolute, {@code file:} URIs
   * become plain paths, so an event cannot dodge the comparison by spelling the same place differently.
   */
  public static SourceName configured(String text) {
    String t = text.trim();
    if (looksLikePath(t) && t.startsWith(".")) {
      t = java.nio.file.Path.of(t).toAbsolutePath().normalize().toString();
    }
    return parse(withoutFileScheme(t));
  }

  /** {@code file:///x} and {@code file:/x} as {@code /x}. */
  static String withoutFileScheme(String t) {
    if (t.regionMatches(true, 0, "file:", 0, 5)) {
      String rest = t.substring(5);
      while (rest.startsWith("//")) {
        rest = rest.substring(1);
      }
      return rest;
    }
    return t;
  }

  /** True when both name the same table or path (names compared case-insensitively, as Unity Catalog does). */
  public boolean sameAs(SourceName other) {
    if (isPath() || other.isPath()) {
      return isPath() && other.isPath() && path.equals(other.path);
    }
    return lower(parts).equals(lower(other.parts));
  }

  /** True when this is {@code other} or lies inside it (a path under a folder; a checkpoint's files). */
  public boolean within(SourceName other) {
    return sameAs(other) || (isPath() && other.isPath() && path.startsWith(other.path + "/"));
  }

  private static List<String> lower(List<String> parts) {
    return parts.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public String toString() {
    return isPath() ? path : String.join(".", parts);
  }
}
