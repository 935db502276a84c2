package com.kwp.bridge.jdbc.bulk;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Renders values for {@code COPY ... WITH (FORMAT csv)}: NULL is an unquoted empty field, every other value
 * is double-quoted with inner quotes doubled (so empty strings, commas, newlines and unicode survive).
 */
public final class PostgresCsv {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PostgresCsv() {}

  /** Appends one field (no separator) for a value going into a column of {@code typeName}. */
  public static void appendField(StringBuilder sb, Object v, String typeName) {
    if (v == null) {
      return;
    }
    sb.append('"');
    String text = text(v, typeName);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    sb.append('"');
  }

  static String text(Object v, String typeName) {
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Timestamp t) {
      // timestamptz takes the instant; timestamp takes the wall time Spark's JDBC writer would send.
      return "timestamptz".equalsIgnoreCase(typeName) ? t.toInstant().toString() : t.toLocalDateTime().toString();
    }
    if (v instanceof Instant i) {
      return i.toString();
    }
    if (v instanceof Date || v instanceof LocalDate) {
      return v.toString();
    }
    if (v instanceof byte[] b) {
      StringBuilder hex = new StringBuilder(2 + b.length * 2).append("\\x");
      for (byte x : b) {
        hex.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
      }
      return hex.toString();
    }
    return v.toString();
  }
}
