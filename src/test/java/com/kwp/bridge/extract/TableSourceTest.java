package com.kwp.bridge.extract;

import com.kwp.bridge.dialect.Dialects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.config.QueryOptions;
import com.kwp.bridge.config.TableSpec;
import com.kwp.bridge.error.TemplateException;
import com.kwp.bridge.template.TemplateParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Table names with {param} placeholders are resolved as names, part by part. */
class TableSourceTest {
  private static TemplateParams params(Map<String, String> values) {
    Map<String, TemplateParams.Param> out = new java.util.HashMap<>();
    values.forEach((k, v) -> out.put(k, new TemplateParams.Param(k, v, "test")));
    return new TemplateParams(out, Path.of("conf"), "Colombia");
  }

  private static TableSource.ResolvedTable resolve(String table, Map<String, String> values) {
    return TableSource.resolve(new TableSpec("ventas", table, List.of("id", "id hogar"), Optional.of("pais = N'CO'"), Optional.empty(),
        QueryOptions.defaults("ventas")), params(values), Dialects.sqlServer());
  }

  @Test
  void placeholdersFillPartsAndKeepPlainNamesAsWritten() {
    var t = resolve("dbo.J_Ventas_{country_code}", Map.of("country_code", "CO"));
    assertEquals("dbo.J_Ventas_CO", t.renderedName());
    assertEquals("SELECT id, [id hogar] FROM dbo.J_Ventas_CO WHERE (pais = N'CO')", t.sql());
    assertEquals("[Panel DB].dbo.[Ventas 2024]", resolve("{db}.dbo.{t}", Map.of("db", "Panel DB", "t", "Ventas 2024")).renderedName());
    assertEquals("dbo.ventas", resolve("{sales_table}", Map.of("sales_table", "dbo.ventas")).renderedName(), "a lone placeholder may be dotted");
  }

  @Test
  void aValueCannotAddAPartOrLeaveTheName() {
    assertEquals("dbo.[x]]; DROP TABLE t; --]", resolve("dbo.{t}", Map.of("t", "x]; DROP TABLE t; --")).renderedName());
    assertEquals("dbo.[a.b]", resolve("dbo.{t}", Map.of("t", "a.b")).renderedName(), "a dot inside a part stays in the part");
  }

  @Test
  void missingParametersAreReportedTogether() {
    TemplateException e = assertThrows(TemplateException.class, () -> resolve("{db}.dbo.J_{cc}", Map.of()));
    assertTrue(e.getMessage().startsWith("extract.tables.ventas.table = \"{db}.dbo.J_{cc}\": placeholders {db}, {cc} not resolved."), e.getMessage());
    assertTrue(e.getMessage().contains("BRIDGE_PARAM_db"), e.getMessage());
  }
}
