package com.kwp.bridge.dialect;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * Names and literals: how one database quotes an identifier, writes a value as a literal and compares
 * names. Every statement family builds its text from one of these, so quoting happens in one place. The
 * ANSI forms are here; vendors override only what differs. Serializable: executor-side code carries it.
 */
public class SqlNames implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  /** Short name used in logs, config and messages ("sqlserver", "postgresql"). */
  public String dialectName() {
    return "ansi";
  }

  /** Quotes one identifier, escaping the closing delimiter inside it. */
  public String quoteIdentifier(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Quotes a multi-part table name part by part. */
  public String quoteTable(TableName table) {
    StringBuilder sb = new StringBuilder();
    if (table.catalog() != null) {
      sb.append(quoteIdentifier(table.catalog())).append('.');
    }
    if (table.schema() != null) {
      sb.append(quoteIdentifier(table.schema())).append('.');
    }
    return sb.append(quoteIdentifier(table.table())).toString();
  }

  /**
   * A table name as SQL, by the template rule for names: a plain part ({@code [A-Za-z_][A-Za-z0-9_]*}) is
   * kept as written, so the database folds its case as it would in a hand-written query; any other part is
   * quoted.
   */
  public String renderName(TableName table) {
    StringBuilder out = new StringBuilder();
    for (String part : new String[] {table.catalog(), table.schema(), table.table()}) {
      if (part != null) {
        out.append(out.length() == 0 ? "" : ".").append(renderNamePart(part));
      }
    }
    return out.toString();
  }

  /** One name part by the template rule (see {@link #renderName}). */
  public String renderNamePart(String part) {
    return part.matches("[A-Za-z_][A-Za-z0-9_]*") ? part : quoteIdentifier(part);
  }

  /** Comma-separated quoted columns. */
  public String columnList(List<String> columns) {
    return columnList(null, columns);
  }

  /** Comma-separated quoted columns, each prefixed by {@code alias.} when given. */
  public String columnList(String alias, List<String> columns) {
    StringBuilder sb = new StringBuilder();
    for (String c : columns) {
      sb.append(sb.length() == 0 ? "" : ", ").append(alias == null ? "" : alias + ".").append(quoteIdentifier(c));
    }
    return sb.toString();
  }

  /**
   * True when quoted identifiers compare case-sensitively (PostgreSQL, ANSI); SQL Server's default
   * collations compare them case-insensitively. Grants are matched the same way.
   */
  public boolean identifiersCaseSensitive() {
    return true;
  }

  /** Escapes text for use inside a single-quoted literal (the quotes themselves are not added). */
  public String escapeStringContent(String value) {
    return value.replace("'", "''");
  }

  /** A complete string literal for {@code value}. */
  public String stringLiteral(String value) {
    return "'" + escapeStringContent(value) + "'";
  }

  /**
   * A SQL literal for a bound or watermark value: numbers as written, {@link LocalDate} and
   * {@link LocalDateTime} as typed date/timestamp literals, text as an escaped string literal, bytes as a
   * binary literal.
   *
   * @throws IllegalArgumentException for a value of any other type
   */
  public String literal(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    if (value instanceof LocalDate d) {
      return dateLiteral(d);
    }
    if (value instanceof LocalDateTime t) {
      return timestampLiteral(t);
    }
    if (value instanceof String s) {
      return stringLiteral(s);
    }
    if (value instanceof byte[] b) {
      return binaryLiteral(b);
    }
    throw new IllegalArgumentException("no SQL literal for a value of type " + (value == null ? "null" : value.getClass().getName()));
  }

  /** A date literal ({@code DATE '2024-01-31'} in ANSI SQL). */
  public String dateLiteral(LocalDate date) {
    return "DATE '" + date + "'";
  }

  /** A timestamp literal with microseconds ({@code TIMESTAMP '2024-01-31 08:00:00.000000'} in ANSI SQL). */
  public String timestampLiteral(LocalDateTime ts) {
    return "TIMESTAMP '" + ts.format(MICROS) + "'";
  }

  /** A binary literal of exactly these bytes ({@code X'00FF'} in ANSI SQL). */
  public String binaryLiteral(byte[] bytes) {
    return "X'" + HexFormat.of().withUpperCase().formatHex(bytes) + "'";
  }
}
