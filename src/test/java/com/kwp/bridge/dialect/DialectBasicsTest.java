package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ValidationException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DialectBasicsTest {
  private final SqlDialect mssql = new SqlServerDialect();
  private final SqlDialect pg = new PostgresDialect();

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
  void literalsDoubleQuotesAndSqlServerUsesUnicodePrefix() {
    assertEquals("N'O''Brien año'", mssql.stringLiteral("O'Brien año"));
    assertEquals("'O''Brien'", pg.stringLiteral("O'Brien"));
  }

  @Test
  void boundsQueryWrapsTheTemplateAsADerivedTable() {
    assertEquals("SELECT MIN([fecha]) AS lo, MAX([fecha]) AS hi FROM (SELECT * FROM t) [bridge_q]",
        mssql.boundsQuery("SELECT * FROM t;\n", "fecha"));
    assertEquals("SELECT MIN(\"id\") AS lo, MAX(\"id\") AS hi FROM (SELECT 1 AS id) \"bridge_q\"",
        pg.boundsQuery("SELECT 1 AS id", "id"));
  }

  @Test
  void hashBucketsAvoidAbsOverflowOnSqlServer() {
    assertEquals("(CHECKSUM([k]) % 4 + 4) % 4 = 1", mssql.hashBucketPredicate("k", 4, 1));
    assertEquals("(hashtext(CAST(\"k\" AS text)) % 4 + 4) % 4 = 3", pg.hashBucketPredicate("k", 4, 3));
  }

  @Test
  void dialectIsChosenFromTheUrl() {
    assertInstanceOf(SqlServerDialect.class, Dialects.forUrl("jdbc:sqlserver://h;databaseName=d"));
    assertInstanceOf(PostgresDialect.class, Dialects.forUrl("jdbc:postgresql://h/d"));
    ConfigException e = assertThrows(ConfigException.class, () -> Dialects.forUrl("jdbc:mysql://u:pw@h/d"));
    assertFalse(e.getMessage().contains(":pw@"), e.getMessage());
  }

  @Test
  void transientErrorsAreRecognisedByCodeAndState() {
    assertTrue(mssql.isTransient(new SQLException("deadlock", "40001", 1205)));
    assertTrue(mssql.isTransient(new SQLException("throttled", "S0001", 40501)));
    assertTrue(mssql.isTransient(new SQLException("link", "08S01", 0)));
    assertFalse(mssql.isTransient(new SQLException("pk violation", "23000", 2627)));
    assertFalse(mssql.isTransient(new SQLException("invalid object", "S0002", 208)));
    assertTrue(pg.isTransient(new SQLException("deadlock", "40P01")));
    assertFalse(pg.isTransient(new SQLException("undefined table", "42P01")));
    SQLException chained = new SQLException("batch failed", "HY000", 0);
    chained.setNextException(new SQLException("deadlock", "40P01"));
    assertTrue(pg.isTransient(chained));
    assertTrue(pg.isTransient(new SQLException("wrapped", new SQLException("conn", "08006"))));
  }
}
