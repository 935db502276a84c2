package com.kwp.bridge.template;

import com.kwp.bridge.dialect.Dialects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.TemplateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
  private static final String SEED = """
      SELECT id_transaccion, {factor} AS x, monto_total
      FROM {database}.{schema}.{sales_table}
      WHERE pais = '{country_code}' AND fecha >= '{start_date}'""";

  private static TemplateParams params(Map<String, String> values) {
    return new TemplateParams(values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> new TemplateParams.Param(e.getKey(), e.getValue(), "test"))), Path.of("conf"), "Colombia");
  }

  private static String render(String sql, Map<String, String> values) {
    return new TemplateRenderer(Dialects.sqlServer().names()).render(SqlTemplate.of("q", Path.of("queries/q.sql"), sql), params(values));
  }

  @Test
  void placeholdersAreTypedByPosition() {
    List<Segment> segments = TemplateParser.parse(SEED);
    List<String> kinds = segments.stream().filter(s -> s instanceof Segment.Placeholder)
        .map(s -> ((Segment.Placeholder) s).name() + ":" + ((Segment.Placeholder) s).kind()).toList();
    assertEquals(List.of("factor:EXPRESSION", "database:IDENTIFIER", "schema:IDENTIFIER", "sales_table:IDENTIFIER",
        "country_code:LITERAL", "start_date:LITERAL"), kinds);
  }

  @Test
  void seedTemplateRendersExpressionThreePartNameAndLiterals() {
    String sql = render(SEED, Map.of("factor", "factor_rw1 as factor_rw", "database", "KWP_Colombia", "schema", "dbo",
        "sales_table", "J_Ventas_CO", "country_code", "CO", "start_date", "2024-01-01"));
    assertEquals("""
        SELECT id_transaccion, factor_rw1 as factor_rw AS x, monto_total
        FROM KWP_Colombia.dbo.J_Ventas_CO
        WHERE pais = 'CO' AND fecha >= '2024-01-01'""", sql);
  }

  @Test
  void literalValuesAreEscapedSoTheyCannotCloseTheString() {
    assertEquals("WHERE pais = 'C''O; DROP TABLE t; --'", render("WHERE pais = '{c}'", Map.of("c", "C'O; DROP TABLE t; --")));
  }

  @Test
  void identifierValuesThatAreNotPlainAreQuotedByTheDialect() {
    assertEquals("FROM [KWP Colombia].dbo.[t]]; DROP TABLE x]", render("FROM {db}.dbo.{t}", Map.of("db", "KWP Colombia", "t", "t]; DROP TABLE x")));
    String pg = new TemplateRenderer(Dialects.postgres().names()).render(
        SqlTemplate.of("q", Path.of("q.sql"), "FROM {db}.{t}"), params(Map.of("db", "my\"db", "t", "año")));
    assertEquals("FROM \"my\"\"db\".\"año\"", pg);
  }

  @Test
  void aLoneNameAfterFromMayBeDotted() {
    assertEquals("SELECT * FROM dbo.ventas v JOIN [my db].dbo.x", render("SELECT * FROM {t} v JOIN {u}", Map.of("t", "dbo.ventas", "u", "[my db].dbo.x")));
  }

  @Test
  void identifierWithControlCharactersIsRejected() {
    TemplateException e = assertThrows(TemplateException.class, () -> render("FROM {t}", Map.of("t", "a\nb")));
    assertTrue(e.getMessage().contains("{t}"), e.getMessage());
  }

  @Test
  void doubledBracesAreLiteralBracesAndNonPlaceholderBracesStay() {
    assertEquals("SELECT '{\"a\": 1}', '{x}', {fn NOW()}, '{literal}' FROM t",
        render("SELECT '{\"a\": 1}', '{{x}}', {fn NOW()}, '{{literal}}' FROM t", Map.of()));
  }

  @Test
  void commentsAndQuotedIdentifiersAreCopiedVerbatim() {
    assertEquals("-- uses {not_a_param}\nSELECT \"id {hogar}\", [a{b}] /* {c} */ FROM t",
        render("-- uses {not_a_param}\nSELECT \"id {hogar}\", [a{b}] /* {c} */ FROM t", Map.of()));
  }

  @Test
  void escapedQuoteInsideLiteralKeepsTheLiteralOpen() {
    assertEquals("WHERE a = 'it''s CO'", render("WHERE a = 'it''s {c}'", Map.of("c", "CO")));
  }

  @Test
  void unresolvedPlaceholdersNameFileEveryPlaceholderAndThePlacesLookedIn() {
    TemplateException e = assertThrows(TemplateException.class, () -> render(SEED, Map.of("factor", "1")));
    String m = e.getMessage();
    assertTrue(m.contains("queries/q.sql"), m);
    assertTrue(m.contains("{database}, {schema}, {sales_table}, {country_code}, {start_date}"), m);
    assertTrue(m.contains("--param database=..."), m);
    assertTrue(m.contains("BRIDGE_PARAM_database"), m);
    assertTrue(m.contains("conf/Colombia.conf"), m);
    assertTrue(m.contains("conf/common.conf"), m);
  }
}
