package com.kwp.bridge.dialect;

import com.kwp.bridge.error.ValidationException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table name in parts ({@code [database.]schema.table} or a bare table). Parsed once from user text that
 * may use {@code [brackets]} or {@code "double quotes"} around parts containing dots or spaces; SQL text is
 * then built from the parts by a dialect, never by gluing strings.
 */
public record TableName(String catalog, String schema, String table) implements Serializable {
  private static final int MAX_PART = 128;

  public TableName {
    ValidationException.check(table != null && !table.isBlank(), "table name is empty");
    for (String part : new String[] {catalog, schema, table}) {
      ValidationException.check(part == null || part.length() <= MAX_PART,
          "identifier '%s' is longer than %d characters", part, MAX_PART);
    }
  }

  public static TableName of(String schema, String table) {
    return new TableName(null, schema, table);
  }

  /** Parses {@code a.b.c}, {@code [my db].[dbo].[t]}, {@code "s"."t"}; at most three parts. */
  public static TableName parse(String text) {
    ValidationException.check(text != null && !text.isBlank(), "table name is empty");
    List<String> parts = splitParts(text.trim());
    ValidationException.check(parts.size() <= 3,
        "table name '%s' has %d parts; expected [database.]schema.table", text, parts.size());
    return switch (parts.size()) {
      case 1 -> new TableName(null, null, parts.get(0));
      case 2 -> new TableName(null, parts.get(0), parts.get(1));
      default -> new TableName(parts.get(0), parts.get(1), parts.get(2));
    };
  }

  /**
   * A target table: {@code schema.table} or {@code database.schema.table} after parsing quotes and brackets.
   * A bare table is refused (its schema would be the login's default, not the one a grant names).
   */
  public static TableName parseTarget(String text) {
    TableName t = parse(text);
    ValidationException.check(t.schema() != null,
        "target '%s' is one name part (%s); write schema.table or database.schema.table (a part in brackets or quotes is one part, dots included)",
        text, t.quotedParts());
    return t;
  }

  /** True when {@code schema} is this table's schema, compared as the target database compares identifiers. */
  public boolean inSchema(String schema, boolean caseSensitive) {
    return this.schema != null && (caseSensitive ? this.schema.equals(schema) : this.schema.equalsIgnoreCase(schema));
  }

  private static List<String> splitParts(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '[' || c == '"') {
        char close = c == '[' ? ']' : '"';
        i++;
        boolean closed = false;
        while (i < text.length()) {
          char d = text.charAt(i);
          if (d == close) {
            if (i + 1 < text.length() && text.charAt(i + 1) == close) {
              cur.append(close);
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          cur.append(d);
          i++;
        }
        ValidationException.check(closed, "table name '%s' has an unclosed %s", text, String.valueOf(c));
      } else if (c == '.') {
        ValidationException.check(cur.length() > 0, "table name '%s' has an empty part", text);
        parts.add(cur.toString());
        cur.setLength(0);
        i++;
      } else {
        cur.append(c);
        i++;
      }
    }
    ValidationException.check(cur.length() > 0, "table name '%s' has an empty part", text);
    parts.add(cur.toString());
    return parts;
  }

  public Optional<String> catalogOpt() {
    return Optional.ofNullable(catalog);
  }

  public Optional<String> schemaOpt() {
    return Optional.ofNullable(schema);
  }

  /** Every part in brackets ({@code [dbo].[t]}), so a part holding a dot cannot be misread in a message. */
  public String quotedParts() {
    StringBuilder sb = new StringBuilder();
    for (String p : new String[] {catalog, schema, table}) {
      if (p != null) {
        sb.append(sb.length() == 0 ? "" : ".").append('[').append(p.replace("]", "]]")).append(']');
      }
    }
    return sb.toString();
  }

  /** Unquoted dotted form for messages and ledger rows. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (catalog != null) {
      sb.append(catalog).append('.');
    }
    if (schema != null) {
      sb.append(schema).append('.');
    }
    return sb.append(table).toString();
  }
}
