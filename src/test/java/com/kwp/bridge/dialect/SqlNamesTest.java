package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ValidationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Quoting, name rendering and literals of both databases, as exact strings. */
class SqlNamesTest {
  private final SqlNames mssql = Dialects.sqlServer().names();
  private final SqlNames pg = Dialects.postgres().names();
  private static final TableName VENTAS = TableName.parse("dbo.J_Ventas_CO");
  private static final TableName OTHER_DB = TableName.parse("[Panel DB].dbo.[Ventas 2024]");
  private static final byte[] RV = {0, 0, 0, 0, 0, 0, 7, (byte) 0xD1};

  @Test
  void identifiersAreQuotedWithTheClosingDelimiterDoubled() {
    assertEquals("[id hogar]", mssql.quoteIdentifier("id hogar"));
    assertEquals("[a]]b]", mssql.quoteIdentifier("a]b"));
    assertEquals("\"id hogar\"", pg.quoteIdentifier("id hogar"));
    assertEquals("\"a\"\"b\"", pg.quoteIdentifier("a\"b"));
  }

  @Test
  void threePartNamesAreQuotedPartByPart() {
    TableName t = TableName.parse("[KWP Colombia].dbo.[Calibration.Results]");
    assertEquals("[KWP Colombia].[dbo].[Calibration.Results]", mssql.quoteTable(t));
    assertEquals("\"public\".\"t\"", pg.quoteTable(TableName.parse("public.t")));
    assertEquals("[t]", mssql.quoteTable(TableName.parse("t")));
  }

  @Test
  void tableNamesRejectTooManyOrEmptyParts() {
    assertThrows(ValidationException.class, () -> TableName.parse("a.b.c.d"));
    assertThrows(ValidationException.class, () -> TableName.parse("a..b"));
    assertThrows(ValidationException.class, () -> TableName.parse("[unclosed"));
    assertThrows(ValidationException.class, () -> TableName.parse("x".repeat(129)));
  }

  @Test
  void namesAreRenderedByTheTemplateRule() {
    assertEquals("dbo.J_Ventas_CO", mssql.renderName(VENTAS));
    assertEquals("[Panel DB].dbo.[Ventas 2024]", mssql.renderName(OTHER_DB));
    assertEquals("\"Panel DB\".dbo.\"Ventas 2024\"", pg.renderName(OTHER_DB));
  }

  @Test
  void identifiersCompareAsTheDatabaseComparesThem() {
    assertFalse(mssql.identifiersCaseSensitive());
    assertTrue(pg.identifiersCaseSensitive());
  }

  @Test
  void literalsDoubleQuotesAndSqlServerUsesUnicodePrefix() {
    assertEquals("N'O''Brien año'", mssql.stringLiteral("O'Brien año"));
    assertEquals("'O''Brien'", pg.stringLiteral("O'Brien"));
  }

  @Test
  void literalsPerType() {
    assertEquals("12.50", pg.literal(new BigDecimal("12.50")));
    assertEquals("-7", mssql.literal(-7L));
    assertEquals("DATE '2024-02-29'", pg.literal(LocalDate.of(2024, 2, 29)));
    assertEquals("CAST('2024-02-29' AS DATE)", mssql.literal(LocalDate.of(2024, 2, 29)));
    assertEquals("'O''Brien'", pg.literal("O'Brien"));
    assertEquals("N'año'", mssql.literal("año"));
    assertThrows(IllegalArgumentException.class, () -> pg.literal(new Object()));
  }

  @Test
  void rowversionsAreBinary8Literals() {
    assertEquals("CAST(0x00000000000007D1 AS BINARY(8))", mssql.binaryLiteral(RV));
    assertEquals("CAST(0x00000000000007D1 AS BINARY(8))", mssql.literal(RV));
    assertEquals("CAST('\\x00000000000007d1' AS bytea)", pg.literal(RV));
  }
}
