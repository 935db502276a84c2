package com.kwp.bridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.config.PermissionsLoader;
import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.error.PermissionDeniedException;
import com.kwp.bridge.error.ValidationException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** permissions.conf parsing and checks (identities, display names, source and target grants); the sync block's defaults. */
class PermissionsTest {
  static final String CALIBRATION = "0d1c7a52-5b7e-4c1a-9f3e-2a6b8c9d0e1f";
  final Permissions p = PermissionsLoader.parse(ConfigFactory.parseString(
      "principals {\n"
          + " \"" + CALIBRATION + "\" { name = panel-calibration, sources = [\"main.panel.*\", \"main.calibration.results\", \"/Volumes/main/panel/exports/*\"],"
          + "   targets = [ { table = \"dbo.CalibrationResults\", access = read_write, max_delete_rows = 10 }, { table = \"stage.*\", access = write } ] }\n"
          + " \"ana.lyst@kwp.com\" { targets = [ { table = \"dbo.CalibrationResults\", access = read } ] }\n"
          + "}"), "test");
  final Principal cal = p.byIdentity(CALIBRATION.toUpperCase()).orElseThrow();

  @Test
  void principalsAreFoundByIdentityOrDisplayName() {
    assertEquals("panel-calibration", cal.displayName());
    assertEquals(cal, p.byDeclaredName("panel-calibration").orElseThrow());
    assertEquals(cal, p.byDeclaredName(CALIBRATION).orElseThrow());
    assertTrue(p.byIdentity("panel-calibration").isEmpty(), "a display name is not an identity");
    assertTrue(p.byDeclaredName("ANA.LYST@kwp.com").isPresent());
    assertTrue(cal.answersTo("panel-calibration") && !cal.answersTo("analysts") && !cal.answersTo(null));
  }

  @Test
  void targetGrantsCompareParsedPartsWithTheDialectsCase() {
    assertEquals(10, Permissions.requireWrite(cal, TableName.parseTarget("DBO.calibrationresults"), false).maxDeleteRows());
    assertThrows(PermissionDeniedException.class, () -> Permissions.requireWrite(cal, TableName.parseTarget("DBO.calibrationresults"), true));
    assertEquals(10, Permissions.requireWrite(cal, TableName.parseTarget("[dbo].[CalibrationResults]"), true).maxDeleteRows());
    assertEquals(0, Permissions.requireWrite(cal, TableName.parseTarget("stage.anything"), false).maxDeleteRows());
    assertThrows(PermissionDeniedException.class, () -> Permissions.requireWrite(cal, TableName.parseTarget("stage.a.b"), false));
    // One bracketed part holding a dot is one part: it is not dbo.CalibrationResults, and not even a valid target.
    assertThrows(ValidationException.class, () -> TableName.parseTarget("[dbo.CalibrationResults]"));
    assertThrows(PermissionDeniedException.class, () -> Permissions.requireWrite(cal, TableName.parseTarget("[dbo.CalibrationResults].x"), false));
    assertThrows(PermissionDeniedException.class, () -> Permissions.requireWrite(cal, TableName.parseTarget("db.dbo.CalibrationResults"), false));
    Principal analyst = p.byIdentity("ana.lyst@kwp.com").orElseThrow();
    assertTrue(assertThrows(PermissionDeniedException.class, () -> Permissions.requireWrite(analyst, TableName.parseTarget("dbo.CalibrationResults"), false))
        .getMessage().contains("only read access"));
  }

  @Test
  void sourceGrantsCompareParsedNamePartsAndExactPaths() {
    assertTrue(cal.sources().stream().anyMatch(g -> g.covers(SourceName.parse("MAIN.panel.households"))));
    assertTrue(cal.sources().stream().anyMatch(g -> g.covers(SourceName.parse("main.calibration.`results`"))));
    assertFalse(cal.sources().stream().anyMatch(g -> g.covers(SourceName.parse("main.calibration.ssn"))));
    assertFalse(cal.sources().stream().anyMatch(g -> g.covers(SourceName.parse("`main.panel`.x.y"))), "a backticked part with a dot is one part");
    assertThrows(ValidationException.class, () -> SourceName.parse("main.panel.a.b"));
    assertTrue(cal.sources().stream().anyMatch(g -> g.covers(SourceName.parse("/Volumes/main/panel/exports/t1"))));
    assertFalse(cal.sources().stream().anyMatch(g -> g.covers(SourceName.parse("/Volumes/main/panel/exports/t1/deeper"))));
    assertFalse(cal.sources().stream().anyMatch(g -> g.covers(SourceName.parse("/Volumes/main/panel/other"))));
    assertThrows(ValidationException.class, () -> SourceName.parse("/Volumes/main/panel/exports/../secret"));
    assertThrows(PermissionDeniedException.class, () -> Permissions.requireRead(cal, SourceName.parse("main.hr.people")));
    assertTrue(SourceName.configured("file:///tmp/x/events").within(SourceName.parse("/tmp/x")));
    assertTrue(SourceName.parse("/tmp//x///events/").sameAs(SourceName.parse("/tmp/x/events")));
    assertEquals("s3://bucket/x/y", SourceName.parse("s3://bucket//x/y").path());
  }

  @Test
  void deletesBeyondTheLimitAreRefusedWithTheirOwnErrorClass() {
    Grant g = Permissions.requireWrite(cal, TableName.parseTarget("dbo.CalibrationResults"), false);
    Permissions.checkDeleteLimit("panel-calibration", "dbo.CalibrationResults", g, 10);
    PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
        () -> Permissions.checkDeleteLimit("panel-calibration", "dbo.CalibrationResults", g, 11));
    assertEquals(ErrorClass.DELETE_LIMIT, e.errorClass());
  }

  @Test
  void badPermissionFilesFailNamingThePlace() {
    assertTrue(assertThrows(ConfigException.class, () -> PermissionsLoader.parse(ConfigFactory.parseString(
        "principals { a { targets = [ { table = \"s.t\", access = admin } ] } }"), "f")).getMessage().contains("targets[0]"));
    assertThrows(ConfigException.class, () -> PermissionsLoader.parse(ConfigFactory.parseString(
        "principals { a { targets = [ { table = \"s.t\", access = read, max_rows = 1 } ] } }"), "f"));
    assertTrue(assertThrows(ConfigException.class, () -> PermissionsLoader.parse(ConfigFactory.parseString(
        "principals { team = [ { table = \"s.t\", access = write } ] }"), "f")).getMessage().contains("keyed by the identity"));
    assertTrue(assertThrows(ConfigException.class, () -> PermissionsLoader.parse(ConfigFactory.parseString(
        "principals { a { name = x }, b { name = x } }"), "f")).getMessage().contains("used by another principal"));
    assertTrue(assertThrows(ConfigException.class, () -> PermissionsLoader.parse(ConfigFactory.parseString(
        "principals { a { grants = [] } }"), "f")).getMessage().contains("unknown key"));
  }

  @Test
  void theSamplePermissionsFileParsesAndShowsIdentities() {
    Permissions sample = PermissionsLoader.load(Path.of("conf"));
    assertFalse(sample.principals().isEmpty());
    sample.principals().values().forEach(pr -> assertTrue(pr.identity().contains("@") || pr.identity().matches("[0-9a-f-]{36}"), pr.identity()));
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
    assertEquals(SyncConfig.Identity.COMMIT, c.identity(), "commit identity is the default, never declared");
    assertEquals(Duration.ofHours(1), c.stagingGrace());
    assertThrows(ConfigException.class, () -> SyncConfig.from(ConfigFactory.parseString("sync.identity = trusted")
        .withFallback(ConfigFactory.defaultReference()).resolve()));
    assertThrows(ConfigException.class, () -> SyncConfig.from(ConfigFactory.parseString("sync.tigger = x")
        .withFallback(ConfigFactory.defaultReference()).resolve()));
    assertEquals(Duration.ofSeconds(10), com.kwp.bridge.config.TriggerSpec.parse("interval:10s").interval());
    assertThrows(ConfigException.class, () -> com.kwp.bridge.config.TriggerSpec.parse("once"));
  }
}
