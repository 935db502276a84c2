package com.kwp.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("common.conf"), "params { start_date = \"2024-01-01\", factor = common_factor, only_common = c }\n");
    Files.writeString(dir.resolve("Colombia.conf"), "params { factor = co_factor, country_code = CO }\n");
    Files.writeString(dir.resolve("Mexico.conf"), "params { country_code = MX }\n");
    Files.writeString(dir.resolve("permissions.conf"), "principals {}\n");
  }

  private Config load(String country, Map<String, String> params, Map<String, String> env) {
    return ConfigLoader.load(new ConfigLoader.Request(dir, country, params, Map.of(), env));
  }

  @Test
  void commandLineBeatsEnvironmentBeatsCountryBeatsCommonBeatsDefaults() {
    Config c = load("Colombia", Map.of("start_date", "2025-06-01"), Map.of("BRIDGE_PARAM_factor", "env_factor"));
    assertEquals("2025-06-01", c.getString("params.start_date"));
    assertEquals("env_factor", c.getString("params.factor"));
    assertEquals("CO", c.getString("params.country_code"));
    assertEquals("c", c.getString("params.only_common"));
    assertEquals(1433, c.getInt("source.port"));
  }

  @Test
  void countryFileBeatsCommonFile() {
    assertEquals("co_factor", load("Colombia", Map.of(), Map.of()).getString("params.factor"));
    assertEquals("common_factor", load("Mexico", Map.of(), Map.of()).getString("params.factor"));
  }

  @Test
  void aMisspeltTopLevelSectionFailsNamingFileKeyAndKnownSections() throws IOException {
    Files.writeString(dir.resolve("Mexico.conf"), "params { country_code = MX }\nextrac { mode = overwrite }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> load("Mexico", Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("'extrac'"), e.getMessage());
    assertTrue(e.getMessage().contains("Mexico.conf"), e.getMessage());
    assertTrue(e.getMessage().contains("extract, logging, params, source, sqlserver, sync, tables, target"), e.getMessage());
    ConfigException cli = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(new ConfigLoader.Request(dir, "Colombia", Map.of(), Map.of("extrac.mode", "x"), Map.of())));
    assertTrue(cli.getMessage().contains("'extrac' in --conf"), cli.getMessage());
  }

  @Test
  void countriesAreConfFilesExceptReservedOnes() {
    assertEquals(List.of("Colombia", "Mexico"), ConfigLoader.countries(dir));
  }

  @Test
  void unknownCountryListsTheExistingOnes() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("Peru", Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("Peru"), e.getMessage());
    assertTrue(e.getMessage().contains("Colombia, Mexico"), e.getMessage());
  }

  @Test
  void countryNameCannotEscapeTheConfigFolder() throws IOException {
    Files.writeString(dir.getParent().resolve("secret.conf"), "x = 1\n");
    for (String evil : List.of("../secret", "..", "/etc/passwd", "a/b", "common", "permissions")) {
      ConfigException e = assertThrows(ConfigException.class, () -> load(evil, Map.of(), Map.of()), evil);
      assertTrue(e.getMessage().contains("Unknown country"), e.getMessage());
    }
  }

  @Test
  void countryMatchIsCaseInsensitive() {
    assertEquals("CO", load("colombia", Map.of(), Map.of()).getString("params.country_code"));
  }

  @Test
  void sqlServerEnvironmentVariablesFeedSourceAndTarget() {
    Map<String, String> env = Map.of("SQLSERVER_HOST", "db.example", "SQLSERVER_DATABASE", "KWP_Colombia",
        "SQLSERVER_USERNAME", "bridge", "SQLSERVER_PASSWORD", "s3cr3t!");
    Config c = load("Colombia", Map.of(), env);
    ConnectionConfig source = ConnectionConfigs.from(c, "source");
    assertEquals("jdbc:sqlserver://db.example:1433;databaseName=KWP_Colombia", source.url());
    assertEquals("bridge", source.user());
    assertEquals("s3cr3t!", source.password().reveal());
    assertFalse(source.toString().contains("s3cr3t!"), source.toString());
    assertEquals("db.example", ConnectionConfigs.from(c, "target").url().substring("jdbc:sqlserver://".length(), "jdbc:sqlserver://".length() + 10));
  }

  @Test
  void jdbcUrlVariableWinsOverHostSettings() {
    Map<String, String> env = Map.of("SQLSERVER_HOST", "db.example", "SOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/x");
    assertEquals("jdbc:postgresql://localhost:5432/x", ConnectionConfigs.from(load(null, Map.of(), env), "source").url());
  }

  @Test
  void missingSourceSaysWhichVariablesToSet() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConnectionConfigs.from(load(null, Map.of(), Map.of()), "source"));
    assertTrue(e.getMessage().contains("SOURCE_JDBC_URL"), e.getMessage());
    assertTrue(e.getMessage().contains("SQLSERVER_HOST"), e.getMessage());
  }

  @Test
  void pairsWithoutEqualsAreRejectedNamingTheFlag() {
    assertEquals(Map.of("a", "b=c"), ConfigLoader.parsePairs("--param", List.of("a=b=c")));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parsePairs("--param", List.of("novalue")));
    assertTrue(e.getMessage().contains("--param"), e.getMessage());
  }

  @Test
  void missingConfigFolderIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(ConfigLoader.Request.of(dir.resolve("nope"), null)));
    assertTrue(e.getMessage().contains("--config-path"), e.getMessage());
  }
}
