package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.kwp.bridge.sync.KeyEquality.Form;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The decision of how a key column is compared (no Spark session needed: only expressions and types). */
class KeyEqualityTest {

  @Test
  void caseInsensitiveCollationsFoldCaseAndTrailingSpaces() {
    assertEquals(Form.IGNORE_CASE_AND_TRAILING_SPACES, KeyEquality.decide(DataTypes.StringType, "SQL_Latin1_General_CP1_CI_AS"));
    assertEquals(Form.IGNORE_CASE_AND_TRAILING_SPACES, KeyEquality.decide(DataTypes.StringType, "Latin1_General_100_CI_AI_SC_UTF8"));
    assertEquals(Form.IGNORE_CASE_AND_TRAILING_SPACES, KeyEquality.decide(DataTypes.StringType, "modern_spanish_ci_as"));
  }

  @Test
  void caseSensitiveAndBinaryCollationsStillIgnoreTrailingSpaces() {
    assertEquals(Form.IGNORE_TRAILING_SPACES, KeyEquality.decide(DataTypes.StringType, "Latin1_General_100_CS_AS"));
    assertEquals(Form.IGNORE_TRAILING_SPACES, KeyEquality.decide(DataTypes.StringType, "Latin1_General_BIN2"));
  }

  @Test
  void withoutACollationOrForNonStringKeysEqualityIsExact() {
    assertEquals(Form.EXACT, KeyEquality.decide(DataTypes.StringType, null), "PostgreSQL: no collation query, exact equality");
    assertEquals(Form.EXACT, KeyEquality.decide(DataTypes.StringType, " "));
    assertEquals(Form.EXACT, KeyEquality.decide(DataTypes.IntegerType, "SQL_Latin1_General_CP1_CI_AS"));
    assertEquals(Form.EXACT, KeyEquality.decide(DataTypes.createDecimalType(18, 0), "SQL_Latin1_General_CP1_CI_AS"));
  }

  @Test
  void expressionsAreTheFoldsSparkEvaluates() {
    assertEquals("id hogar", KeyEquality.expression("`id hogar`", Form.EXACT).toString());
    assertEquals("rtrim(code)", KeyEquality.expression("`code`", Form.IGNORE_TRAILING_SPACES).toString());
    assertEquals("upper(rtrim(code))", KeyEquality.expression("`code`", Form.IGNORE_CASE_AND_TRAILING_SPACES).toString());
  }

  @Test
  void collationsAreFoundWhateverTheSpellingOfTheColumn() {
    Map<String, String> collations = new HashMap<>();
    collations.put("Codigo", "SQL_Latin1_General_CP1_CI_AS");
    collations.put("id", null);
    assertEquals("SQL_Latin1_General_CP1_CI_AS", KeyEquality.collationOf(collations, "codigo"));
    assertNull(KeyEquality.collationOf(collations, "id"));
    assertNull(KeyEquality.collationOf(collations, "missing"));
  }
}
