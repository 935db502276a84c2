package com.kwp.bridge.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * databricks.yml and its includes, merged the way the Databricks CLI merges them, with each target's
 * overrides applied, against the CLI's own schema and rule tables (v1.13.0): no schema error, no unknown
 * key, no deprecated field, every required field set, every enum value allowed, before and after
 * variable substitution. A broken copy shows that each kind of mistake is caught.
 */
class BundleSchemaTest {
  private static final BundleModel BUNDLE = new BundleModel(BundleModel.locateRoot());
  private static final List<String> BUNDLE_FILES =
      List.of("databricks.yml", "resources", "dashboards", ".github/workflows/deploy.yml");

  @TestFactory
  Stream<DynamicTest> everyTargetIsCleanAgainstTheCliSchemaAndRuleTables() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("all files merged, targets as overlays", () -> {
      List<String> violations = BundleSchema.cli().overlayViolations(BUNDLE.merged());
      assertTrue(violations.isEmpty(), "before target selection: " + String.join("\n  ", violations));
    }));
    for (String target : BUNDLE.targets()) {
      tests.add(DynamicTest.dynamicTest(target + " as written", () -> assertClean(target, BUNDLE.effective(target))));
      tests.add(DynamicTest.dynamicTest(target + " with variables resolved", () -> assertClean(target + " resolved", BUNDLE.resolved(target))));
    }
    assertTrue(BUNDLE.targets().containsAll(List.of("dev", "prod")), "targets dev and prod");
    return tests.stream();
  }

  @Test
  void targetSelectionAppliesTheOverridesTheWayTheCliDoes() {
    JsonNode prod = BUNDLE.resolved("prod");
    assertFalse(prod.has("targets"), "the selected configuration has no targets section");
    assertEquals("${var.service_principal}", BUNDLE.effective("prod").path("run_as").path("service_principal_name").asText());
    assertTrue(BUNDLE.effective("dev").path("run_as").isMissingNode(), "run_as comes from the prod target only");
    // Target resources merge into the included resource files: Volume grants land on the Volumes.
    JsonNode ops = prod.path("resources").path("volumes").path("bridge_ops");
    assertEquals("MANAGED", ops.path("volume_type").asText());
    assertFalse(ops.path("grants").isEmpty(), "prod grants are merged into the Volume declared in resources/volumes.yml");
    assertTrue(BUNDLE.resolved("dev").path("resources").path("volumes").path("bridge_ops").path("grants").isMissingNode());
    // A whole-string reference keeps its type; a number stays a number for the schema.
    assertTrue(prod.path("resources").path("jobs").path("bridge_sync").path("timeout_seconds").isIntegralNumber());
    assertEquals("UNPAUSED", prod.path("resources").path("jobs").path("bridge_sync").path("schedule").path("pause_status").asText());
    assertEquals("PAUSED", BUNDLE.resolved("dev").path("resources").path("jobs").path("bridge_sync").path("schedule").path("pause_status").asText());
  }

  @Test
  void aMisspeltKeyIsRejected(@TempDir Path dir) throws IOException {
    BundleModel broken = brokenCopy(dir, "resources/sync.job.yml", "      max_concurrent_runs: 1\n", "      max_concurent_runs: 1\n");
    String error = only(broken, "prod", "max_concurent_runs");
    assertEquals("schema: /resources/jobs/bridge_sync: property 'max_concurent_runs' is not defined in the schema and the schema does not allow additional properties", error);
  }

  @Test
  void aBadEnumValueIsRejected(@TempDir Path dir) throws IOException {
    BundleModel broken = brokenCopy(dir, "resources/sync.job.yml", "metric: STREAMING_BACKLOG_FILES", "metric: STREAMING_BACKLOG_MINUTES");
    String error = only(broken, "prod", "enum: ");
    assertEquals("enum: resources.jobs.bridge_sync.health.rules[1].metric: value \"STREAMING_BACKLOG_MINUTES\" is not one of "
        + "[RUN_DURATION_SECONDS, STREAMING_BACKLOG_BYTES, STREAMING_BACKLOG_FILES, STREAMING_BACKLOG_RECORDS, STREAMING_BACKLOG_SECONDS]", error);
    assertFalse(BundleSchema.cli().violations(broken.resolved("prod")).stream().noneMatch(v -> v.startsWith("schema: ")),
        "the schema's own enum rejects it too");
  }

  @Test
  void aBadEnumValueFromAVariableIsRejectedOnceResolved(@TempDir Path dir) throws IOException {
    BundleModel broken = brokenCopy(dir, "databricks.yml", "      schedule_pause_status: UNPAUSED\n", "      schedule_pause_status: SOMETIMES\n");
    assertTrue(BundleSchema.cli().violations(broken.effective("prod")).isEmpty(), "a ${var...} value passes the schema as written");
    only(broken, "prod", "enum: resources.jobs.bridge_extract.schedule.pause_status: value \"SOMETIMES\"");
  }

  @Test
  void aMissingRequiredFieldIsRejected(@TempDir Path dir) throws IOException {
    BundleModel broken = brokenCopy(dir, "resources/volumes.yml", "      volume_type: MANAGED\n      comment: SyncJob", "      comment: SyncJob");
    String error = only(broken, "dev", "required: ");
    assertEquals("required: resources.volumes.bridge_ops: required field \"volume_type\" is not set", error);
  }

  @Test
  void aDeprecatedFieldIsRejected(@TempDir Path dir) throws IOException {
    BundleModel broken = brokenCopy(dir, "resources/extract.job.yml", "      email_notifications:\n",
        "      email_notifications:\n        no_alert_for_skipped_runs: true\n");
    String error = only(broken, "prod", "deprecated: ");
    assertEquals("deprecated: resources.jobs.bridge_extract.email_notifications.no_alert_for_skipped_runs is deprecated", error);
  }

  @Test
  void aMisspeltKeyInATargetIsRejected(@TempDir Path dir) throws IOException {
    BundleModel broken = brokenCopy(dir, "databricks.yml", "    run_as:\n", "    run_az:\n");
    List<String> violations = BundleSchema.cli().overlayViolations(broken.merged());
    assertTrue(violations.stream().anyMatch(v -> v.equals("schema: /targets/prod: property 'run_az' is not defined in the schema "
        + "and the schema does not allow additional properties")), violations.toString());
  }

  @Test
  void includedFilesFollowTheCliLoaderRules(@TempDir Path dir) throws IOException {
    BundleModel duplicate = brokenCopy(dir, "resources/volumes.yml", "    bridge_landing:\n", "    bridge_sync:\n");
    AssertionError e = assertThrows(AssertionError.class, duplicate::merged);
    assertTrue(e.getMessage().startsWith("multiple resources have been defined with the same key: bridge_sync"), e.getMessage());
    Path other = Files.createDirectories(dir.resolve("other"));
    BundleModel unmatched = brokenCopy(other, "databricks.yml", "  - resources/*.yml\n", "  - resources/*.yaml\n");
    e = assertThrows(AssertionError.class, unmatched::merged);
    assertEquals("resources/*.yaml defined in 'include' section does not match any files", e.getMessage());
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static void assertClean(String what, JsonNode config) {
    List<String> violations = BundleSchema.cli().violations(config);
    assertTrue(violations.isEmpty(), what + ": " + violations.size() + " violation(s) of the Databricks CLI v1.13.0 rules:\n  "
        + String.join("\n  ", violations));
  }

  /** The single violation containing {@code marker} (a clean bundle with one mistake has exactly one). */
  private static String only(BundleModel broken, String target, String marker) {
    List<String> violations = BundleSchema.cli().violations(broken.resolved(target));
    List<String> hits = violations.stream().filter(v -> v.contains(marker)).toList();
    assertEquals(1, hits.size(), "expected one violation containing '" + marker + "', got: " + violations);
    // Printed so the exact messages can be read in the test report.
    System.out.println("broken copy (" + target + ") -> " + hits.get(0));
    return hits.get(0);
  }

  /** A copy of the bundle's files in {@code dir} with one text replacement in one file. */
  private static BundleModel brokenCopy(Path dir, String file, String from, String to) throws IOException {
    for (String f : BUNDLE_FILES) {
      Path source = BUNDLE.root.resolve(f);
      try (Stream<Path> paths = Files.walk(source)) {
        for (Path p : paths.filter(Files::isRegularFile).toList()) {
          Path copy = dir.resolve(BUNDLE.root.relativize(p).toString());
          Files.createDirectories(copy.getParent());
          Files.copy(p, copy);
        }
      }
    }
    Path target = dir.resolve(file);
    String text = Files.readString(target);
    assertTrue(text.contains(from), file + " no longer contains '" + from + "'; update the broken-copy test");
    Files.writeString(target, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    return new BundleModel(dir);
  }
}
