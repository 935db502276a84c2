package com.kwp.bridge.dialect;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** SQL Server's names and literals: brackets, N'...' text, typed CASTs for dates, times and bytes. */
public class SqlServerNames extends SqlNames {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SEVEN_DIGITS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

  @Override
  public String dialectName() {
    return "sqlserver";
  }

  @Override
  public String quoteIdentifier(String identifier) {
    return "[" + identifier.replace("]", "]]") + "]";
  }

  /** Default collations (_CI_) compare identifiers case-insensitively; a _CS_ server is stricter than the grant, never looser. */
  @Override
  public boolean identifiersCaseSensitive() {
    return false;
  }

  /** N'...' so non-ASCII text (año, São Paulo) survives into NVARCHAR comparisons. */
  @Override
  public String stringLiteral(String value) {
    return "N'" + escapeStringContent(value) + "'";
  }

  /** SQL Server has no DATE '...' literal syntax; an explicit CAST keeps the comparison typed. */
  @Override
  public String dateLiteral(LocalDate date) {
    return "CAST('" + date + "' AS DATE)";
  }

  /** DATETIME2(7) holds every datetime/datetime2 value, so comparisons never round the column. */
  @Override
  public String timestampLiteral(LocalDateTime ts) {
    return "CAST('" + ts.format(SEVEN_DIGITS) + "' AS DATETIME2(7))";
  }

  /** A typed binary(n) constant, so a rowversion column is compared byte by byte as binary(8). */
  @Override
  public String binaryLiteral(byte[] bytes) {
    return "CAST(0x" + HexFormat.of().withUpperCase().formatHex(bytes) + " AS BINARY(" + bytes.length + "))";
  }
}
