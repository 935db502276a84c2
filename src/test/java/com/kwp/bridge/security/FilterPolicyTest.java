package com.kwp.bridge.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ValidationException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The source_filter allow-list, decided on Spark's parse tree. */
class FilterPolicyTest {
  static final List<String> COLUMNS = List.of("id hogar", "periodo", "nombre", "peso", "medido", "flag");

  @ParameterizedTest
  @ValueSource(strings = {
      "periodo = 202401",
      "periodo <> 202401",
      "periodo != 202401",
      "periodo > 1 AND peso < 10.5",
      "periodo >= 1 OR peso <= 2",
      "NOT (periodo = 1)",
      "`id hogar` = 5",
      "nombre IS NULL",
      "nombre IS NOT NULL",
      "periodo IN (202401, 202402, -1)",
      "nombre IN ('a', 'b')",
      "periodo NOT IN (1, 2)",
      "periodo BETWEEN 202401 AND 202412",
      "periodo NOT BETWEEN 1 AND 2",
      "nombre LIKE 'S%'",
      "nombre NOT LIKE '%x%'",
      "nombre ILIKE 's%'",
      "CAST(periodo AS STRING) = '202401'",
      "CAST(medido AS DATE) = DATE '2024-01-31'",
      "medido >= TIMESTAMP '2024-01-01 00:00:00'",
      "lower(nombre) = 'sao paulo'",
      "upper(trim(nombre)) = 'X'",
      "length(nombre) > 3",
      "substr(nombre, 1, 3) = 'São'",
      "concat(nombre, '-', CAST(periodo AS STRING)) = 'a-1'",
      "coalesce(peso, 0) > 1",
      "round(peso, 2) = 1.23",
      "abs(peso) < 100 AND floor(peso) = 1",
      "year(medido) = 2024 AND month(medido) = 1",
      "to_date(nombre, 'yyyy-MM-dd') > DATE '2020-01-01'",
      "datediff(DATE '2024-02-01', CAST(medido AS DATE)) < 30",
      "peso * 2 + 1 > periodo / 3 - 1",
      "periodo % 100 = 1",
      "CASE WHEN flag THEN periodo ELSE 0 END > 0",
      "flag = true",
      "nombre = 'it''s'",
      "date_add(CAST(medido AS DATE), 1) = DATE '2024-02-01'",
      "nullif(nombre, '') IS NOT NULL",
      "startswith(nombre, 'S')",
  })
  void accepted(String filter) {
    FilterPolicy.check(filter, COLUMNS);
    FilterPolicy.check(filter, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "reflect('java.lang.System', 'getenv', 'TARGET_JDBC_PASSWORD') IS NOT NULL",
      "substr(reflect('java.lang.System','getenv','TARGET_JDBC_PASSWORD'), 1, 3) = 'S3c'",
      "reflect('java.lang.System', 'exit', 7) IS NULL",
      "java_method('java.lang.System', 'exit', 7) IS NULL",
      "EXISTS (TABLE other_table)",
      "EXISTS (SELECT 1 FROM other_table)",
      "NOT EXISTS (SELECT 1)",
      "periodo IN (SELECT periodo FROM other_table)",
      "periodo = (SELECT max(periodo) FROM other_table)",
      "periodo IN (TABLE other_table)",
      "raise_error('boom') IS NULL",
      "assert_true(periodo > 0) IS NULL",
      "rand() < 0.5",
      "randn() > 0",
      "uuid() = 'x'",
      "current_timestamp() > medido",
      "current_date() > medido",
      "current_user() = 'me'",
      "now() > medido",
      "my_udf(periodo) = 1",
      "spark_catalog.default.f(periodo) = 1",
      "system.builtin.lower(nombre) = 'x'",
      "explode(array(1, 2)) = 1",
      "exists(array(1, 2), x -> x > periodo)",
      "transform(array(1), x -> x + 1) IS NOT NULL",
      "aggregate(array(1), 0, (a, b) -> a + b) = 1",
      "count(*) > 1",
      "max(periodo) > 1",
      "t.periodo = 1",
      "no_such_column = 1",
      "periodo IN (1, peso)",
      "input_file_name() LIKE '%x%'",
      "monotonically_increasing_id() < 10",
      "spark_partition_id() = 0",
      "nombre RLIKE '(a+)+$'",
      "periodo = 1; DROP TABLE x",
      "str_to_map(nombre)['a'] = 'b'",
      "named_struct('a', 1).a = 1",
      "hash(nombre) = 1",
      "version() = '3.5'",
      "lower(nombre) = 'x' OR reflect('a','b') IS NULL",
      "from_json(nombre, 'a INT').a = 1",
  })
  void refused(String filter) {
    ValidationException e = assertThrows(ValidationException.class, () -> FilterPolicy.check(filter, COLUMNS));
    assertTrue(e.getMessage().contains("source_filter"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reflect", "java_method", "raise_error", "rand"})
  void theMessageNamesThePartThatIsNotAllowed(String fn) {
    String msg = assertThrows(ValidationException.class, () -> FilterPolicy.check(fn + "('a', 'b') IS NULL", COLUMNS)).getMessage();
    assertTrue(msg.contains("function " + fn + "()") && msg.contains("is not allowed"), msg);
  }

  @ParameterizedTest
  @ValueSource(strings = {"EXISTS (TABLE other_table)", "periodo IN (SELECT 1)", "periodo = (SELECT 1)"})
  void subqueriesAreNamedAsSuch(String filter) {
    String msg = assertThrows(ValidationException.class, () -> FilterPolicy.check(filter, COLUMNS)).getMessage();
    assertTrue(msg.contains("subquery"), msg);
  }
}
