package com.kwp.bridge.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.config.ConfigLoader;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateParamsTest {
  @TempDir Path dir;

  private TemplateParams load(Map<String, String> cli, Map<String, String> env) throws IOException {
    Files.writeString(dir.resolve("common.conf"), "params { a = common, b = common, c = common, d = common, n = 3 }");
    Files.writeString(dir.resolve("Colombia.conf"), "params { a = country, b = country, c = country }");
    var config = ConfigLoader.load(new ConfigLoader.Request(dir, "Colombia", cli, Map.of(), env));
    return TemplateParams.from(config, dir, "Colombia");
  }

  @Test
  void commandLineBeatsEnvironmentBeatsCountryBeatsCommon() throws IOException {
    TemplateParams p = load(Map.of("a", "cli"), Map.of("BRIDGE_PARAM_a", "env", "BRIDGE_PARAM_b", "env"));
    assertEquals("cli", p.get("a").orElseThrow().value());
    assertEquals("env", p.get("b").orElseThrow().value());
    assertEquals("country", p.get("c").orElseThrow().value());
    assertEquals("common", p.get("d").orElseThrow().value());
    assertEquals("3", p.get("n").orElseThrow().value());
  }

  @Test
  void eachValueKnowsWhereItCameFrom() throws IOException {
    TemplateParams p = load(Map.of("a", "cli"), Map.of("BRIDGE_PARAM_b", "env"));
    assertTrue(p.get("a").orElseThrow().origin().contains("--param a"), p.get("a").get().origin());
    assertTrue(p.get("b").orElseThrow().origin().contains("BRIDGE_PARAM_b"), p.get("b").get().origin());
    assertTrue(p.get("c").orElseThrow().origin().contains("Colombia.conf"), p.get("c").get().origin());
    assertTrue(p.get("d").orElseThrow().origin().contains("common.conf"), p.get("d").get().origin());
  }

  @Test
  void unknownCountryListsTheCountriesThatExist() throws IOException {
    Files.writeString(dir.resolve("common.conf"), "params {}");
    Files.writeString(dir.resolve("Mexico.conf"), "params {}");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(new ConfigLoader.Request(dir, "Peru", Map.of(), Map.of(), Map.of())));
    assertTrue(e.getMessage().contains("Peru") && e.getMessage().contains("Mexico"), e.getMessage());
    assertThrows(ConfigException.class, () -> ConfigLoader.load(new ConfigLoader.Request(dir, "../etc/passwd", Map.of(), Map.of(), Map.of())));
  }

  @Test
  void queryFolderSelectionRejectsUnknownQueriesListingKnownOnes() throws IOException {
    Files.writeString(dir.resolve("ventas.sql"), "SELECT 1");
    Files.writeString(dir.resolve("productos.sql"), "SELECT 2");
    assertEquals(List.of("productos", "ventas"), QueryTemplates.select(dir, List.of()));
    assertEquals(List.of("ventas"), QueryTemplates.select(dir, List.of("ventas.sql")));
    TemplateException e = assertThrows(TemplateException.class, () -> QueryTemplates.select(dir, List.of("clientes")));
    assertTrue(e.getMessage().contains("clientes") && e.getMessage().contains("productos, ventas"), e.getMessage());
  }
}
