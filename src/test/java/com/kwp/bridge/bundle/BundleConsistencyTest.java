package com.kwp.bridge.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.kwp.bridge.bundle.BundleModel.Task;
import com.kwp.bridge.cli.ExtractArgs;
import com.kwp.bridge.cli.SyncArgs;
import com.kwp.bridge.security.Redactor;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quartz.CronExpression;

/** Keeps databricks.yml and resources/*.yml true to the code, the Maven build and the dashboard. */
class BundleConsistencyTest {
  private static final BundleModel BUNDLE = new BundleModel(BundleModel.locateRoot());
  private static final String RUN_ID = "918273645";
  private static final Pattern VAR_REF = Pattern.compile("\\$\\{var\\.([A-Za-z0-9_\\-]+)");
  private static final Pattern JOB_REF = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");
  private static final Pattern SECRET_REF = Pattern.compile("\\{\\{secrets/[A-Za-z0-9_.\\-]+/[A-Za-z0-9_.\\-]+}}");
  private static final Set<String> DASHBOARD_TABLES = Set.of("bridge_event_status", "bridge_audit", "bridge_extract_runs");

  @TestFactory
  Stream<DynamicTest> everyJarTaskMainClassExistsInTheBuild() {
    return jarTasks().stream().map(t -> DynamicTest.dynamicTest(t.jobKey() + "." + taskKey(t), () -> {
      String main = mainClass(t);
      try {
        Class<?> c = Class.forName(main, false, getClass().getClassLoader());
        c.getMethod("main", String[].class);
      } catch (ClassNotFoundException | NoSuchMethodException e) {
        fail("spark_jar_task.main_class_name " + main + " of " + t.jobKey() + " is not a class of the build with a main method");
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> jarTaskParametersAreAcceptedByTheirMainClassParser() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String target : BUNDLE.targets()) {
      for (Task t : jarTasks()) {
        for (Map<String, String> params : runNowScenarios(t.job(), target)) {
          for (String input : forEachInputs(t, params)) {
            String[] args = arguments(t, target, params, input);
            tests.add(DynamicTest.dynamicTest(target + " " + t.jobKey() + " " + params + " input=" + input,
                () -> assertParsed(mainClass(t), args, target, params, input)));
          }
        }
      }
    }
    assertFalse(tests.isEmpty(), "the bundle declares no spark_jar_task");
    return tests.stream();
  }

  /**
   * Beyond parsing: every JAR task's arguments, in every target and "Run now" scenario, load this
   * repository's conf/ and queries/ through the jobs' own config code (country files exist, every --conf
   * key is known, selected queries exist), as they would on the cluster from the synced workspace copy.
   */
  @Test
  void jarTaskArgumentsLoadTheRepositoryConfigInEveryTarget() {
    Map<String, String> env = Map.of("SQLSERVER_HOST", "sql.example.com", "SQLSERVER_DATABASE", "KWP");
    int checked = 0;
    for (String target : BUNDLE.targets()) {
      String files = BUNDLE.resolve("${workspace.file_path}", target);
      for (Task t : jarTasks()) {
        for (Map<String, String> params : runNowScenarios(t.job(), target)) {
          for (String input : forEachInputs(t, params)) {
            String[] args = java.util.Arrays.stream(arguments(t, target, params, input))
                .map(a -> a.startsWith(files) ? BUNDLE.root.resolve(a.substring(files.length() + 1)).toString() : a)
                .toArray(String[]::new);
            String what = target + " " + t.jobKey() + " " + params + " input=" + input;
            try {
              if (mainClass(t).endsWith(".ExtractJob")) {
                var request = com.kwp.bridge.cli.ExtractJob.request(ExtractArgs.parse(args).orElseThrow(), env);
                assertFalse(request.queries().isEmpty(), what + ": selects no query");
              } else if (mainClass(t).endsWith(".SyncJob")) {
                SyncArgs a = SyncArgs.parse(args).orElseThrow();
                Map<String, String> overrides = new LinkedHashMap<>(a.confOverrides());
                overrides.put("target.url", "jdbc:sqlserver://sql.example.com:1433;databaseName=KWP");
                com.kwp.bridge.sync.SyncEngine.fromConfig(a.configPath(), overrides, a.runId().orElse(null));
              } else {
                continue;
              }
              checked++;
            } catch (RuntimeException e) {
              throw new AssertionError(what + ": " + e.getMessage(), e);
            }
          }
        }
      }
    }
    assertTrue(checked > 0, "no ExtractJob/SyncJob task was checked");
  }

  @Test
  void everyReferencedVariableIsDefinedDescribedAndValuedInEveryTarget() {
    Set<String> defined = new TreeSet<>();
    BUNDLE.variables().fieldNames().forEachRemaining(defined::add);
    BUNDLE.forEachString(e -> {
      Matcher m = VAR_REF.matcher(e.getValue());
      while (m.find()) {
        assertTrue(defined.contains(m.group(1)), "${var." + m.group(1) + "} at " + e.getKey() + " is not defined under variables");
      }
    });
    for (String name : defined) {
      assertFalse(BUNDLE.variables().path(name).path("description").asText("").isBlank(), "variable " + name + " has no description");
      for (String target : BUNDLE.targets()) {
        boolean valued = BUNDLE.variables().path(name).has("lookup") || !BUNDLE.variable(name, target).isMissingNode();
        // A variable left without a value on purpose must be supplied by the CI deploy.
        assertTrue(valued || deployWorkflow().contains("BUNDLE_VAR_" + name + ":"),
            "variable " + name + " has no value in target " + target + " and the deploy workflow does not set BUNDLE_VAR_" + name);
      }
    }
    for (String target : BUNDLE.targets()) {
      BUNDLE.target(target).path("variables").fieldNames().forEachRemaining(n ->
          assertTrue(defined.contains(n), "target " + target + " overrides undefined variable " + n));
    }
  }

  @Test
  void everyScheduleIsValidQuartzInAKnownTimeZone() {
    List<JsonNode> schedules = BUNDLE.findAll("schedule");
    assertFalse(schedules.isEmpty(), "no schedules found");
    for (String target : BUNDLE.targets()) {
      for (JsonNode s : schedules) {
        String cron = BUNDLE.resolve(s.path("quartz_cron_expression").asText(), target);
        assertTrue(CronExpression.isValidExpression(cron), "'" + cron + "' is not a valid Quartz expression (target " + target + ")");
        ZoneId.of(BUNDLE.resolve(s.path("timezone_id").asText(), target));
        String pause = BUNDLE.resolve(s.path("pause_status").asText("PAUSED"), target);
        assertTrue(Set.of("PAUSED", "UNPAUSED").contains(pause), "pause_status " + pause);
      }
    }
  }

  @Test
  void artifactAndEveryLibraryPointAtTheShadedJarMavenBuilds() throws Exception {
    Path jar = BUNDLE.root.resolve("target").resolve(MavenPom.shadedJarName(BUNDLE.root)).normalize();
    JsonNode artifacts = BUNDLE.main().path("artifacts");
    assertTrue(artifacts.size() > 0, "no artifacts section");
    for (JsonNode a : artifacts) {
      assertEquals("jar", a.path("type").asText());
      for (String target : BUNDLE.targets()) {
        String build = BUNDLE.resolve(a.path("build").asText(), target);
        assertTrue(build.matches("mvn .*\\bpackage\\b.*"), "artifact build must run mvn package (" + target + "): " + build);
      }
      for (JsonNode f : a.path("files")) {
        assertEquals(jar, BUNDLE.root.resolve(a.path("path").asText(".")).resolve(f.path("source").asText()).normalize(),
            "artifacts.files.source must be what Maven builds");
      }
    }
    for (Task t : jarTasks()) {
      JsonNode libraries = t.task().path("libraries");
      assertEquals(1, libraries.size(), t.jobKey() + " must install exactly the bridge JAR");
      Path declared = t.declaredIn().getParent().resolve(libraries.get(0).path("jar").asText()).normalize();
      assertEquals(jar, declared, t.jobKey() + "." + taskKey(t) + " library (relative to " + t.declaredIn().getFileName() + ")");
    }
  }

  @Test
  void tasksUseDeclaredJobClustersOnTheRuntimeTheBuildTargets() throws Exception {
    String scalaBinary = MavenPom.property(BUNDLE.root, "scala.binary");
    for (Task t : BUNDLE.tasks()) {
      if (t.task().has("for_each_task")) {
        continue;
      }
      String key = t.task().path("job_cluster_key").asText();
      List<String> declared = new ArrayList<>();
      t.job().path("job_clusters").forEach(c -> declared.add(c.path("job_cluster_key").asText()));
      assertTrue(declared.contains(key), t.jobKey() + "." + taskKey(t) + " uses job cluster '" + key + "', declared: " + declared);
    }
    for (JsonNode cluster : BUNDLE.findAll("new_cluster")) {
      assertEquals("16.4.x-scala" + scalaBinary, cluster.path("spark_version").asText(), "16.4 LTS with the pom's Scala binary version");
      assertTrue(Set.of("SINGLE_USER", "DATA_SECURITY_MODE_DEDICATED").contains(cluster.path("data_security_mode").asText()),
          "JAR tasks need dedicated access mode: " + cluster.path("data_security_mode"));
      assertEquals("true", cluster.path("spark_conf").path("spark.databricks.driver.disableScalaOutput").asText());
      assertTrue(cluster.path("cluster_log_conf").path("volumes").path("destination").asText().startsWith("/Volumes/"));
    }
  }

  @Test
  void sqlServerCredentialsComeOnlyFromSecretScopeReferences() {
    List<JsonNode> envs = BUNDLE.findAll("spark_env_vars");
    assertFalse(envs.isEmpty(), "no cluster sets the SQL Server environment");
    for (JsonNode env : envs) {
      for (String name : List.of("SQLSERVER_HOST", "SQLSERVER_PORT", "SQLSERVER_DATABASE", "SQLSERVER_USERNAME", "SQLSERVER_PASSWORD")) {
        assertTrue(env.has(name), name + " missing from spark_env_vars");
      }
      env.fields().forEachRemaining(e ->
          assertTrue(SECRET_REF.matcher(BUNDLE.resolve(e.getValue().asText(), "prod")).matches(),
              e.getKey() + " must be a {{secrets/<scope>/<key>}} reference, never a value"));
    }
    Pattern literalSecret = Pattern.compile("(?i)(dapi[0-9a-f]{20,}|password=[^;{$\\s]+|AKIA[0-9A-Z]{16}|-----BEGIN|//[^/\\s:@]+:[^/\\s@{]+@)");
    BUNDLE.forEachString(e -> assertFalse(literalSecret.matcher(e.getValue()).find(), "secret-looking literal at " + e.getKey()));
    for (JsonNode conf : BUNDLE.findAll("spark_conf")) {
      conf.fields().forEachRemaining(e -> assertFalse(Redactor.isSecretKey(e.getKey()) && !SECRET_REF.matcher(e.getValue().asText()).matches(),
          "spark_conf " + e.getKey() + " holds a literal secret"));
    }
    for (Task t : jarTasks()) {
      for (String arg : arguments(t, "prod", defaults(t.job(), "prod"), "SE")) {
        String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : "";
        assertFalse(!key.isEmpty() && Redactor.isSecretKey(key), "JAR argument " + key + "=... passes a secret on the command line");
      }
    }
  }

  @Test
  void dashboardQueriesReadOnlyTheTablesTheJobsWrite() throws Exception {
    Map<String, JsonNode> dashboards = BUNDLE.resources("dashboards");
    assertFalse(dashboards.isEmpty(), "no dashboard in the bundle");
    for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
      Path file = BUNDLE.declaringFile("dashboards", d.getKey()).getParent().resolve(d.getValue().path("file_path").asText()).normalize();
      JsonNode dash = BundleModel.JSON.readTree(file.toFile());
      Map<String, String> queries = new LinkedHashMap<>();
      for (JsonNode ds : dash.path("datasets")) {
        queries.put(ds.path("name").asText(), datasetQuery(ds));
      }
      for (Map.Entry<String, String> q : queries.entrySet()) {
        String sql = q.getValue().replaceAll("\\s+", " ");
        // A checkpoint replay writes RECONCILED audit rows that carry the ledger's count again.
        if (sql.contains("FROM bridge_audit") && sql.matches("(?i).*\\bsum\\(rows\\).*")) {
          assertTrue(sql.contains("event_type = 'APPLIED'"), "dataset " + q.getKey() + " sums audit rows other than APPLIED");
        }
        // run_id is a STRING column holding a number: text order puts 9 after 10.
        assertFalse(sql.matches("(?i).*ORDER BY run_id\\b.*"), "dataset " + q.getKey() + " sorts run_id as text");
      }
      Set<String> tablesRead = new TreeSet<>();
      Matcher from = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([`A-Za-z0-9_.]+)").matcher(String.join("\n", queries.values()));
      while (from.find()) {
        tablesRead.add(from.group(1).replace("`", ""));
      }
      assertEquals(DASHBOARD_TABLES, tablesRead, "dashboard datasets must read exactly the status, audit and extract-runs tables, unqualified");
      for (JsonNode page : dash.path("pages")) {
        for (JsonNode item : page.path("layout")) {
          for (JsonNode q : item.path("widget").path("queries")) {
            String dataset = q.path("query").path("datasetName").asText();
            assertTrue(queries.containsKey(dataset), "widget " + item.path("widget").path("name") + " uses unknown dataset " + dataset);
            for (JsonNode f : q.path("query").path("fields")) {
              Matcher col = Pattern.compile("`([^`]+)`").matcher(f.path("expression").asText());
              while (col.find()) {
                assertTrue(queries.get(dataset).contains(col.group(1)), "column " + col.group(1) + " not produced by dataset " + dataset);
              }
            }
          }
        }
      }
      for (String target : BUNDLE.targets()) {
        String schema = BUNDLE.resolve(d.getValue().path("dataset_catalog").asText() + "." + d.getValue().path("dataset_schema").asText(), target);
        Set<String> written = new TreeSet<>();
        for (Task t : jarTasks()) {
          for (String a : arguments(t, target, defaults(t.job(), target), "SE")) {
            Matcher m = Pattern.compile("^(?:tables\\.status|tables\\.audit|extract\\.runs-table)=(.+)$").matcher(a);
            if (m.find()) {
              written.add(m.group(1));
            }
          }
        }
        Set<String> expected = new TreeSet<>();
        DASHBOARD_TABLES.forEach(n -> expected.add(schema + "." + n));
        assertEquals(expected, written, "tables the jobs write (" + target + ") vs what the dashboard reads");
      }
    }
  }

  @Test
  void targetsFollowDevelopmentAndProductionRules() {
    JsonNode dev = BUNDLE.target("dev");
    JsonNode prod = BUNDLE.target("prod");
    assertEquals("development", dev.path("mode").asText());
    assertTrue(dev.path("default").asBoolean());
    assertEquals("production", prod.path("mode").asText());
    assertTrue(prod.path("workspace").path("root_path").asText().startsWith("/Workspace/"), "production needs an explicit root_path");
    assertEquals("${var.service_principal}", prod.path("run_as").path("service_principal_name").asText());
    for (JsonNode s : BUNDLE.findAll("schedule")) {
      assertEquals("PAUSED", BUNDLE.resolve(s.path("pause_status").asText(), "dev"), "development schedules stay paused");
      assertEquals("UNPAUSED", BUNDLE.resolve(s.path("pause_status").asText(), "prod"));
    }
    for (String target : BUNDLE.targets()) {
      String landing = "/Volumes/" + BUNDLE.resolve("${var.catalog}/${var.schema}/${var.landing_volume}/", target);
      assertTrue(BUNDLE.resolve("${var.extract_destination}", target).startsWith(landing),
          "extract_destination must lie in the landing Volume the bundle creates (" + target + ")");
    }
    assertTrue(BUNDLE.resolve("${var.ops_volume}", "dev").contains(BundleModel.SAMPLE_SHORT_NAME), "dev Volumes are per user");
  }

  @Test
  void syncJobOwnsItsCheckpointAlone() {
    JsonNode sync = BUNDLE.resources("jobs").values().stream()
        .filter(j -> j.findValues("main_class_name").stream().anyMatch(m -> m.asText().endsWith(".SyncJob")))
        .findFirst().orElseThrow(() -> new AssertionError("no job runs SyncJob"));
    assertEquals(1, sync.path("max_concurrent_runs").asInt(), "two sync runs would share one checkpoint");
    assertFalse(sync.path("queue").path("enabled").asBoolean(true), "queued sync runs would pile up behind a long-lived stream");
    assertFalse(sync.has("schedule") && sync.has("continuous"), "a job has a schedule or is continuous, not both");
    for (JsonNode job : BUNDLE.resources("jobs").values()) {
      assertFalse(job.path("email_notifications").path("on_failure").isMissingNode(), "every job e-mails on failure");
      assertFalse(job.path("health").path("rules").isEmpty(), "every job has health rules");
    }
  }

  /**
   * Rules of the Databricks CLI (bundle/permissions/workspace_root.go, resourcemutator/apply_bundle_permissions.go,
   * resourcemutator/run_as.go) that decide whether a production deploy can run: the jobs run as another
   * principal than the deployer, so that principal must be granted the root folder (only top-level
   * permissions reach it) and the Volumes, and viewers and operators need access to jobs and dashboard.
   */
  @Test
  void productionGrantsTheRunAsPrincipalEverythingItReads() {
    JsonNode prod = BUNDLE.resolved("prod");
    String runAs = prod.path("run_as").path("service_principal_name").asText();
    assertFalse(runAs.isEmpty(), "prod runs as a service principal");
    assertTrue(prod.path("run_as").path("user_name").isMissingNode(), "run_as names exactly one identity");
    Map<String, String> topLevel = new LinkedHashMap<>();
    for (JsonNode p : prod.path("permissions")) {
      String level = p.path("level").asText();
      assertTrue(Set.of("CAN_MANAGE", "CAN_VIEW", "CAN_RUN").contains(level), "top-level permission level " + level + " is not one the CLI allows");
      String who = p.path("service_principal_name").asText(p.path("group_name").asText(p.path("user_name").asText()));
      assertTrue(topLevel.put(who, level) == null, who + " has more than one top-level permission level");
    }
    assertTrue(topLevel.containsKey(runAs), "the run_as principal needs a top-level permission: it is the only way the CLI grants the root folder (JAR, conf/, queries/)");
    String operators = BUNDLE.resolve("${var.operators_group}", "prod");
    String viewers = BUNDLE.resolve("${var.viewers_group}", "prod");
    assertEquals("CAN_RUN", topLevel.get(operators), "operators run and repair the jobs (CAN_MANAGE_RUN)");
    assertEquals("CAN_VIEW", topLevel.get(viewers), "viewers see the jobs and the dashboard");
    String root = prod.path("workspace").path("root_path").asText();
    assertTrue(root.startsWith("/Workspace/Users/" + BUNDLE.resolve("${var.deploy_principal}", "prod") + "/"),
        "the prod root is pinned to the deploy principal's home, not the current user's: " + root);
    assertFalse(BUNDLE.target("prod").path("workspace").path("root_path").asText().contains("current_user"),
        "a prod root built from the current user gives every deployer a copy of prod");
    for (Map.Entry<String, JsonNode> v : fields(prod.path("resources").path("volumes")).entrySet()) {
      Set<String> privileges = new TreeSet<>();
      for (JsonNode g : v.getValue().path("grants")) {
        if (g.path("principal").asText().equals(runAs)) {
          g.path("privileges").forEach(x -> privileges.add(x.asText()));
        }
      }
      assertTrue(privileges.containsAll(Set.of("READ_VOLUME", "WRITE_VOLUME")), "Volume " + v.getKey() + " grants the run_as principal " + privileges);
    }
    for (Map.Entry<String, JsonNode> d : fields(prod.path("resources").path("dashboards")).entrySet()) {
      assertFalse(d.getValue().path("embed_credentials").asBoolean(false),
          "the CLI refuses a dashboard with embed_credentials: true when run_as differs from the deployer: " + d.getKey());
      assertTrue(d.getValue().path("permissions").findValuesAsText("group_name").contains(operators), "operators read dashboard " + d.getKey());
    }
    assertTrue(BUNDLE.resolved("dev").path("permissions").isMissingNode(), "development stays private to the developer");
  }

  /** The CLI refuses BUNDLE_VAR_ and --var for complex variables (bundle/config/mutator/set_variables.go, root.go). */
  @Test
  void variablesTheWorkflowSetsAreNotComplex() {
    Set<String> fromCi = BUNDLE.ciVariables().keySet();
    assertTrue(fromCi.containsAll(Set.of("service_principal", "deploy_principal", "notification_email")), "CI sets " + fromCi);
    for (String name : fromCi) {
      JsonNode v = BUNDLE.variables().path(name);
      assertFalse(v.isMissingNode(), "the workflow sets BUNDLE_VAR_" + name + " but the bundle defines no such variable");
      assertFalse("complex".equals(v.path("type").asText()), "BUNDLE_VAR_" + name + " cannot set a complex variable");
    }
  }

  /** A Delta source reports its backlog as files and bytes outstanding; seconds and records stay empty. */
  @Test
  void streamingHealthRulesUseMetricsADeltaSourceReports() {
    for (Map.Entry<String, JsonNode> job : BUNDLE.resources("jobs").entrySet()) {
      List<String> metrics = job.getValue().path("health").path("rules").findValuesAsText("metric");
      for (String m : metrics) {
        assertFalse(Set.of("STREAMING_BACKLOG_SECONDS", "STREAMING_BACKLOG_RECORDS").contains(m),
            job.getKey() + ": " + m + " is not reported by a Delta source; use STREAMING_BACKLOG_FILES or STREAMING_BACKLOG_BYTES");
      }
      if (job.getValue().path("email_notifications").has("on_streaming_backlog_exceeded")) {
        assertTrue(metrics.stream().anyMatch(m -> m.startsWith("STREAMING_BACKLOG_")), job.getKey() + " mails on backlog but has no backlog rule");
      }
    }
  }

  @Test
  void deployWorkflowIsPinnedScopedAndBuildsTheJarOnce() throws Exception {
    JsonNode wf = BundleModel.YAML.readTree(deployWorkflow());
    assertTrue(wf.has("permissions"), "the workflow declares its token permissions");
    assertTrue(wf.path("permissions").isEmpty(), "no permission by default; jobs ask for their own");
    JsonNode deploy = wf.path("jobs").path("deploy");
    assertEquals("write", deploy.path("permissions").path("id-token").asText(), "deploy uses GitHub OIDC");
    assertEquals("github-oidc", deploy.path("env").path("DATABRICKS_AUTH_TYPE").asText());
    assertFalse(deployWorkflow().contains("DATABRICKS_CLIENT_SECRET") || deployWorkflow().contains("DATABRICKS_TOKEN:"),
        "no long-lived Databricks secret in CI");
    List<String> steps = new ArrayList<>();
    wf.path("jobs").forEach(j -> j.path("steps").forEach(st -> steps.add(st.path("uses").asText("") + " " + st.path("run").asText(""))));
    JsonNode cli = null;
    for (JsonNode st : deploy.path("steps")) {
      if (st.path("uses").asText().startsWith("databricks/setup-cli@")) {
        cli = st;
      }
    }
    assertTrue(cli != null && cli.path("uses").asText().matches("databricks/setup-cli@[0-9a-f]{40}"), "setup-cli pinned to a commit");
    assertFalse(cli.path("with").path("version").asText().isEmpty(), "the CLI version is pinned");
    assertEquals(1, steps.stream().filter(x -> x.contains("mvn ")).count(), "the JAR is built once: " + steps);
    assertFalse(BUNDLE.resolve("${var.jar_build_command}", "prod").isEmpty());
    assertFalse(deploy.path("env").path("BUNDLE_VAR_jar_build_command").asText().contains("mvn"), "deploy reuses the tested JAR");
    JsonNode guard = deploy.path("steps").get(0);
    assertTrue(guard.path("if").asText().contains("prod") && guard.path("if").asText().contains("refs/heads/main")
        && guard.path("run").asText().contains("exit 1"), "the first deploy step refuses prod outside main");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static List<Task> jarTasks() {
    return BUNDLE.tasks().stream().filter(t -> t.task().has("spark_jar_task")).toList();
  }

  private static String mainClass(Task t) {
    return t.task().path("spark_jar_task").path("main_class_name").asText();
  }

  private static String taskKey(Task t) {
    return t.task().path("task_key").asText();
  }

  private static Map<String, String> defaults(JsonNode job, String target) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode p : job.path("parameters")) {
      out.put(p.path("name").asText(), BUNDLE.resolve(p.path("default").asText(), target));
    }
    return out;
  }

  /** Defaults, plus what a user may type at "Run now with different parameters". */
  private static List<Map<String, String>> runNowScenarios(JsonNode job, String target) {
    Map<String, String> base = defaults(job, target);
    List<Map<String, String>> out = new ArrayList<>(List.of(base));
    Map<String, Map<String, String>> edits = Map.of(
        "queries", Map.of("queries", "ventas,productos"),
        "overwrite", Map.of("overwrite", "true"),
        "destination", Map.of("destination", "bridge_dev.landing"),
        "countries", Map.of("countries", "[\"Mexico\"]"));
    edits.forEach((name, edit) -> {
      if (base.containsKey(name)) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.putAll(edit);
        out.add(m);
      }
    });
    return out;
  }

  private static List<String> forEachInputs(Task t, Map<String, String> params) {
    for (JsonNode outer : t.job().path("tasks")) {
      if (outer.path("for_each_task").path("task") == t.task()) {
        String inputs = substituteJobRefs(outer.path("for_each_task").path("inputs").asText(), params, null);
        try {
          List<String> out = new ArrayList<>();
          BundleModel.JSON.readTree(inputs).forEach(n -> out.add(n.asText()));
          assertFalse(out.isEmpty(), "for_each inputs resolve to an empty list: " + inputs);
          return out;
        } catch (Exception e) {
          throw new AssertionError("for_each inputs are not a JSON array: " + inputs, e);
        }
      }
    }
    return List.of("");
  }

  private static String[] arguments(Task t, String target, Map<String, String> params, String input) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : t.task().path("spark_jar_task").path("parameters")) {
      out.add(substituteJobRefs(BUNDLE.resolve(p.asText(), target), params, input));
    }
    return out.toArray(String[]::new);
  }

  private static String substituteJobRefs(String text, Map<String, String> params, String input) {
    Matcher m = JOB_REF.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String ref = m.group(1);
      String value;
      if (ref.startsWith("job.parameters.")) {
        value = params.get(ref.substring("job.parameters.".length()));
        assertTrue(value != null, "{{" + ref + "}} names no job parameter; parameters: " + params.keySet());
      } else if (ref.equals("job.run_id")) {
        value = RUN_ID;
      } else if (ref.equals("input") && input != null) {
        value = input;
      } else {
        throw new AssertionError("unsupported dynamic reference {{" + ref + "}} in '" + text + "'");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static void assertParsed(String mainClass, String[] args, String target, Map<String, String> params, String input) {
    String files = BUNDLE.resolve("${workspace.file_path}", target);
    switch (mainClass.substring(mainClass.lastIndexOf('.') + 1)) {
      case "ExtractJob" -> {
        ExtractArgs a = ExtractArgs.parse(args).orElseThrow();
        assertEquals(Path.of(files, "conf"), a.configPath());
        assertEquals(Path.of(files, "queries"), a.queriesPath());
        assertEquals(input, a.country());
        assertEquals(params.get("destination"), a.destination());
        assertEquals(params.get("queries"), a.confOverrides().get("extract.queries-selected"));
        assertEquals(params.get("overwrite"), a.confOverrides().get("extract.overwrite"));
        assertEquals(RUN_ID, a.runId().orElseThrow());
      }
      case "SyncJob" -> {
        SyncArgs a = SyncArgs.parse(args).orElseThrow();
        assertEquals(Path.of(files, "conf"), a.configPath());
        assertEquals(BUNDLE.resolve("${var.sync_trigger}", target), a.trigger().orElseThrow());
        assertEquals(BUNDLE.resolve("/Volumes/${var.catalog}/${var.schema}/${var.ops_volume}/", target),
            a.checkpoint().orElseThrow().substring(0, BUNDLE.resolve("/Volumes/${var.catalog}/${var.schema}/${var.ops_volume}/", target).length()));
        assertEquals(BUNDLE.resolve("${var.catalog}.${var.schema}.bridge_events", target), a.eventsTable().orElseThrow());
        assertEquals(RUN_ID, a.runId().orElseThrow());
      }
      default -> fail("no command-line parser is known for main class " + mainClass + "; add it to this test");
    }
  }

  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static String deployWorkflow() {
    try {
      return java.nio.file.Files.readString(BUNDLE.root.resolve(".github/workflows/deploy.yml"));
    } catch (java.io.IOException e) {
      throw new AssertionError("the CI deploy workflow .github/workflows/deploy.yml is missing", e);
    }
  }

  private static String datasetQuery(JsonNode ds) {
    if (ds.has("queryLines")) {
      StringBuilder sb = new StringBuilder();
      ds.path("queryLines").forEach(l -> sb.append(l.asText()));
      return sb.toString();
    }
    return ds.path("query").asText();
  }
}
