package com.kwp.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment variables users know reach the source connection through reference.conf's substitutions. */
class SourceConnectionTest {
  @TempDir Path dir;

  @Test
  void sqlServerVariablesBuildTheSourceUrlAndCredentials() throws IOException {
    Files.writeString(dir.resolve("common.conf"), "params {}");
    Files.writeString(dir.resolve("Colombia.conf"), "params {}");
    var config = ConfigLoader.load(new ConfigLoader.Request(dir, "Colombia", Map.of(), Map.of(), Map.of(
        "SQLSERVER_HOST", "sql.example.com", "SQLSERVER_PORT", "1444", "SQLSERVER_DATABASE", "KWP_Colombia",
        "SQLSERVER_USERNAME", "reader", "SQLSERVER_PASSWORD", "pw-123")));
    ConnectionConfig source = ConnectionConfigs.from(config, "source");
    assertEquals("jdbc:sqlserver://sql.example.com:1444;databaseName=KWP_Colombia", source.url());
    assertEquals("reader", source.user());
    assertEquals("pw-123", source.password().reveal());
    assertFalse(source.toString().contains("pw-123"));
  }

  @Test
  void aFullUrlWins() throws IOException {
    Files.writeString(dir.resolve("common.conf"), "params {}");
    var config = ConfigLoader.load(new ConfigLoader.Request(dir, null, Map.of(), Map.of(), Map.of(
        "SQLSERVER_HOST", "sql.example.com", "SOURCE_JDBC_URL", "jdbc:postgresql://localhost/db")));
    assertEquals("jdbc:postgresql://localhost/db", ConnectionConfigs.from(config, "source").url());
  }
}
