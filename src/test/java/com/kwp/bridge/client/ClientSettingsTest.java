package com.kwp.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.kwp.bridge.error.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's defaults are the bundle's names; settings from the environment. */
class ClientSettingsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void defaultsMatchTheBundle() throws IOException {
    JsonNode extract = YAML.readTree(Path.of("resources/extract.job.yml").toFile()).path("resources").path("jobs").path("bridge_extract");
    JsonNode sync = YAML.readTree(Path.of("resources/sync.job.yml").toFile()).path("resources").path("jobs").path("bridge_sync");
    JsonNode vars = YAML.readTree(Path.of("databricks.yml").toFile()).path("variables");
    ClientSettings d = ClientSettings.defaults();
    assertEquals(extract.path("name").asText(), d.extractJobName());
    assertEquals(sync.path("name").asText(), d.syncJobName());
    assertEquals(vars.path("catalog").path("default").asText(), d.catalog());
    assertEquals(vars.path("schema").path("default").asText(), d.schema());
    List<String> params = new ArrayList<>();
    extract.path("parameters").forEach(p -> params.add(p.path("name").asText()));
    assertEquals(params, new ArrayList<>(ExtractRuns.parameters(ExtractRequest.of("Colombia").destination("d").queries("q").overwrite(true)).keySet()));
    assertTrue(extract.toString().contains("extract.runs-table=${var.catalog}.${var.schema}.bridge_extract_runs"));
    assertEquals("bridge.events.bridge_extract_runs", d.extractRunsTable());
  }

  @Test
  void environmentOverrides() {
    ClientSettings s = ClientSettings.fromEnvironment(Map.of("BRIDGE_TARGET", "dev", "BRIDGE_EXTRACT_JOB_ID", "42",
        "BRIDGE_WAREHOUSE_ID", "wh1", "BRIDGE_CATALOG", "bridge_dev"));
    assertTrue(s.developmentTarget());
    assertEquals(42L, s.extractJobId());
    assertNull(s.syncJobId());
    assertEquals("wh1", s.requireWarehouse());
    assertEquals("bridge_dev.events.bridge_events", s.eventsTable());
    assertThrows(ConfigException.class, () -> ClientSettings.fromEnvironment(Map.of("BRIDGE_TARGET", "staging")));
    assertThrows(ConfigException.class, () -> ClientSettings.fromEnvironment(Map.of("BRIDGE_SYNC_JOB_ID", "abc")));
    assertThrows(ConfigException.class, () -> ClientSettings.defaults().requireWarehouse());
    assertThrows(ConfigException.class, () -> ClientSettings.defaults().withStatementTiming(Duration.ofSeconds(3), Duration.ofMinutes(1),
        Duration.ofMillis(1), Duration.ofMillis(1)));
  }

  @Test
  void developmentPrefixIsTheBundlesShortName() {
    assertEquals("[dev ana_lopez] ", JobLocator.devPrefix("ana.lopez@example.com"));
  }
}
