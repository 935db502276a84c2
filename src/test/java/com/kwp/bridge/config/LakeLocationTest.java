package com.kwp.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bridge tables and outputs: a relative path is made absolute once, from the working directory; a name stays as written. */
class LakeLocationTest {
  private static final Path WORK = Path.of("/work/job");

  private static String resolve(String value) {
    return LakeLocation.resolve("tables.events", value, "catalog.schema.table", 3, WORK);
  }

  @Test
  void aRelativePathIsResolvedAgainstTheWorkingDirectory() {
    assertEquals("/work/job/lake/bridge_events", resolve("./lake/bridge_events"));
    assertEquals("/work/job/lake/bridge_events", resolve("lake/bridge_events"));
    assertEquals("/work/lake/x", resolve("../lake/x"));
    assertEquals("/work/job/lake", resolve("./lake/"));
    assertEquals(System.getProperty("user.home") + "/lake/x", resolve("~/lake/x"));
    assertEquals("/Volumes/main/ops/events", resolve("/Volumes/main/ops/events"));
    assertEquals("abfss://c@acct.dfs.core.windows.net/lake", resolve("abfss://c@acct.dfs.core.windows.net/lake"));
    assertEquals("dbfs:/lake/x", resolve("dbfs:/lake/x"));
  }

  @Test
  void aNameStaysAsWrittenAndABadOneIsRefusedNamingTheKey() {
    assertEquals("bridge.events.bridge_events", resolve("bridge.events.bridge_events"));
    assertEquals("main.`my-schema`.t", resolve("main.`my-schema`.t"));
    assertEquals("bridge_events", resolve(" bridge_events "));
    ConfigException parts = assertThrows(ConfigException.class, () -> resolve("a.b.c.d"));
    assertTrue(parts.getMessage().startsWith("tables.events = 'a.b.c.d' has 4 dotted parts; give catalog.schema.table or a folder"),
        parts.getMessage());
    ConfigException space = assertThrows(ConfigException.class, () -> resolve("lake events"));
    assertTrue(space.getMessage().contains("tables.events") && space.getMessage().contains("./"), space.getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> resolve(" ")).getMessage().startsWith("tables.events is empty"));
  }

  @Test
  void theConfigRecordsHoldResolvedLocations() {
    String cwd = Path.of("").toAbsolutePath().toString();
    TablesConfig t = new TablesConfig("./lake/e", "bridge.events.s", "lake/a");
    assertEquals(cwd + "/lake/e", t.events());
    assertEquals("bridge.events.s", t.status());
    assertEquals(cwd + "/lake/a", t.audit());
    assertEquals(Optional.of(cwd + "/runs"), ExtractConfig.from(com.typesafe.config.ConfigFactory.parseString(
        "extract.runs-table = \"./runs\"")).runsTable());
    assertEquals(Optional.empty(), ExtractConfig.from(com.typesafe.config.ConfigFactory.parseString("extract.runs-table = \"\"")).runsTable());
    assertFalse(LakeLocation.isPath("bridge.events.x"));
  }
}
