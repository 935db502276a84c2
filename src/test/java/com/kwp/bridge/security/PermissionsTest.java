package com.kwp.bridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.config.PermissionsLoader;
import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.error.PermissionDeniedException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** permissions.conf parsing and checks; the sync block's defaults. */
class PermissionsTest {
  final Permissions p = PermissionsLoader.parse(ConfigFactory.parseString(
      "principals { panel-calibration = [ { table = \"dbo.CalibrationResults\", access = read_write, max_delete_rows = 10 },"
          + " { table = \"stage.*\", access = write } ], analysts = [ { table = \"dbo.CalibrationResults\", access = read } ] }"), "test");

  @Test
  void grantsAreMatchedCaseInsensitivelyAndSchemaWildcardsWork() {
    assertEquals(10, p.requireWrite("panel-calibration", "DBO.calibrationresults").maxDeleteRows());
    assertEquals(0, p.requireWrite("panel-calibration", "stage.anything").maxDeleteRows());
    assertThrows(PermissionDeniedException.class, () -> p.requireWrite("panel-calibration", "stage.a.b"));
    assertTrue(assertThrows(PermissionDeniedException.class, () -> p.requireWrite("analysts", "dbo.CalibrationResults"))
        .getMessage().contains("only read access"));
    assertTrue(assertThrows(PermissionDeniedException.class, () -> p.requireWrite("nobody", "dbo.CalibrationResults"))
        .getMessage().contains("not in permissions.conf"));
  }

  @Test
  void deletesBeyondTheLimitAreRefusedWithTheirOwnErrorClass() {
    Grant g = p.requireWrite("panel-calibration", "dbo.CalibrationResults");
    Permissions.checkDeleteLimit("panel-calibration", "dbo.CalibrationResults", g, 10);
    PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
        () -> Permissions.checkDeleteLimit("panel-calibration", "dbo.CalibrationResults", g, 11));
    assertEquals(ErrorClass.DELETE_LIMIT, e.errorClass());
  }

  @Test
  void badPermissionFilesFailNamingThePlace() {
    assertTrue(assertThrows(ConfigException.class, () -> PermissionsLoader.parse(ConfigFactory.parseString(
        "principals { a = [ { table = t, access = admin } ] }"), "f")).getMessage().contains("principals.a[0]"));
    assertThrows(ConfigException.class, () -> PermissionsLoader.parse(ConfigFactory.parseString(
        "principals { a = [ { table = t, access = read, max_rows = 1 } ] }"), "f"));
  }

  @Test
  void syncDefaultsAndUnknownKeys() {
    SyncConfig c = SyncConfig.from(ConfigFactory.defaultReference().resolve());
    assertTrue(c.trigger().availableNow());
    assertEquals(3, c.retry().maxAttempts());
    assertEquals(Duration.ofSeconds(1), c.retry().baseDelay());
    assertEquals(Duration.ofSeconds(60), c.retry().maxDelay());
    assertEquals(2, c.parallelTables());
    assertEquals("bridge_staging", c.stagingSchema());
    assertThrows(ConfigException.class, () -> SyncConfig.from(ConfigFactory.parseString("sync.tigger = x")
        .withFallback(ConfigFactory.defaultReference()).resolve()));
    assertEquals(Duration.ofSeconds(10), com.kwp.bridge.config.TriggerSpec.parse("interval:10s").interval());
    assertThrows(ConfigException.class, () -> com.kwp.bridge.config.TriggerSpec.parse("once"));
  }
}
