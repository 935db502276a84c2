package com.kwp.bridge.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bundle as the Databricks CLI would see it for one target, as far as a test can tell without a
 * workspace: {@code databricks.yml} plus every file its {@code include} globs match, variables with
 * target overrides, and {@code ${...}} substitution with sample workspace values.
 */
final class BundleModel {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BUNDLE_REF = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\\[\\]]+)}");

  private static final Pattern CI_VAR = Pattern.compile("(?m)^\\s*BUNDLE_VAR_([A-Za-z0-9_]+):");
  /** What a {@code lookup} variable (e.g. a warehouse id looked up by name) resolves to in a workspace. */
  static final String SAMPLE_LOOKUP_ID = "5f0d8e6a7c3b2a19";
  static final String SAMPLE_USER = "ana.lopez@example.com";
  static final String SAMPLE_SHORT_NAME = "ana_lopez";

  /** One YAML file of the bundle and its parsed content. */
  record SourceFile(Path path, JsonNode root) {}

  /** A job task with the file that declared it (library paths are relative to that file). */
  record Task(String jobKey, JsonNode job, JsonNode task, Path declaredIn) {}

  final Path root;
  final List<SourceFile> files;
  private final List<String> unmatchedIncludes;

  BundleModel(Path root) {
    this.root = root;
    SourceFile main = read(root.resolve("databricks.yml"));
    List<SourceFile> all = new ArrayList<>();
    all.add(main);
    List<String> unmatched = new ArrayList<>();
    for (JsonNode glob : main.root().path("include")) {
      List<SourceFile> matched = matching(glob.asText());
      if (matched.isEmpty()) {
        unmatched.add(glob.asText());
      }
      all.addAll(matched);
    }
    this.files = List.copyOf(all);
    this.unmatchedIncludes = List.copyOf(unmatched);
  }

  JsonNode main() {
    return files.get(0).root();
  }

  JsonNode variables() {
    return main().path("variables");
  }

  List<String> targets() {
    List<String> out = new ArrayList<>();
    main().path("targets").fieldNames().forEachRemaining(out::add);
    return out;
  }

  JsonNode target(String name) {
    return main().path("targets").path(name);
  }

  /** A variable's value in a target (override, else default); missing when neither exists. */
  JsonNode variable(String name, String target) {
    JsonNode override = target(target).path("variables").path(name);
    return override.isMissingNode() ? variables().path(name).path("default") : override;
  }

  /** Resolves {@code ${var.x}}, {@code ${workspace.*}} and {@code ${bundle.*}} for a target. */
  String resolve(String text, String target) {
    String current = text;
    for (int depth = 0; depth < 10 && current.contains("${"); depth++) {
      Matcher m = BUNDLE_REF.matcher(current);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(lookup(m.group(1), target)));
      }
      m.appendTail(sb);
      current = sb.toString();
    }
    return current;
  }

  private String lookup(String ref, String target) {
    JsonNode v = lookupNode(ref, target, variable(ref.startsWith("var.") ? ref.substring(4) : "", target));
    if (v.isContainerNode()) {
      throw new AssertionError("${" + ref + "} has no scalar value in target " + target);
    }
    return v.asText();
  }

  /**
   * The value of one {@code ${...}} reference. A variable without a value in the configuration takes
   * the sample value of the deploy workflow's {@code BUNDLE_VAR_<name>}, as the CLI would in CI.
   */
  private JsonNode lookupNode(String ref, String target, JsonNode configured) {
    return switch (ref) {
      case "workspace.root_path" -> JSON.getNodeFactory().textNode(rootPath(target));
      case "workspace.file_path" -> JSON.getNodeFactory().textNode(rootPath(target) + "/files");
      case "workspace.artifact_path" -> JSON.getNodeFactory().textNode(rootPath(target) + "/artifacts");
      case "workspace.current_user.short_name" -> JSON.getNodeFactory().textNode(SAMPLE_SHORT_NAME);
      case "workspace.current_user.userName" -> JSON.getNodeFactory().textNode(SAMPLE_USER);
      case "bundle.name" -> JSON.getNodeFactory().textNode(bundleName());
      case "bundle.target" -> JSON.getNodeFactory().textNode(target);
      default -> {
        if (!ref.startsWith("var.")) {
          throw new AssertionError("Unknown bundle reference ${" + ref + "}: the test has no sample value for it");
        }
        String name = ref.substring(4);
        if (!configured.isMissingNode() && !configured.isNull()) {
          yield configured;
        }
        if (variables().path(name).has("lookup")) {
          yield JSON.getNodeFactory().textNode(SAMPLE_LOOKUP_ID);
        }
        String ci = ciVariables().get(name);
        if (ci == null) {
          throw new AssertionError("${" + ref + "} has no value in target " + target + " and the deploy workflow does not set BUNDLE_VAR_" + name);
        }
        yield JSON.getNodeFactory().textNode(ci);
      }
    };
  }

  /** The target's workspace root: its {@code workspace.root_path}, else the CLI's default in the user's home. */
  String rootPath(String target) {
    JsonNode explicit = target(target).path("workspace").path("root_path");
    if (explicit.isTextual()) {
      return resolve(explicit.asText(), target);
    }
    return "/Workspace/Users/" + SAMPLE_USER + "/.bundle/" + bundleName() + "/" + target;
  }

  /** Sample values for the variables the deploy workflow sets through {@code BUNDLE_VAR_<name>}. */
  Map<String, String> ciVariables() {
    Map<String, String> out = new LinkedHashMap<>();
    Path workflow = root.resolve(".github/workflows/deploy.yml");
    if (Files.isRegularFile(workflow)) {
      try {
        Matcher m = CI_VAR.matcher(Files.readString(workflow));
        while (m.find()) {
          String name = m.group(1);
          out.put(name, name.endsWith("email") ? "bridge-alerts@example.com"
              : UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  // ---- the configuration as the CLI builds it ---------------------------------------------------

  /**
   * databricks.yml with every included file merged in, as the CLI loads it: each include glob must
   * match files, matches are taken in sorted order, an included file may not include further files,
   * and a resource key is used once across all files and resource types.
   */
  ObjectNode merged() {
    if (!unmatchedIncludes.isEmpty()) {
      throw new AssertionError(unmatchedIncludes.get(0) + " defined in 'include' section does not match any files");
    }
    JsonNode out = files.get(0).root().deepCopy();
    Map<String, Path> resourceKeys = new LinkedHashMap<>();
    for (SourceFile f : files) {
      if (f != files.get(0)) {
        if (!f.path().toString().matches(".*\\.(ya?ml|json)$")) {
          throw new AssertionError(root.relativize(f.path()) + ": files in the 'include' section must be YAML or JSON files");
        }
        if (f.root().has("include")) {
          throw new AssertionError(root.relativize(f.path()) + ": include section is defined outside root file");
        }
        out = CliMerge.merge(out, f.root(), "");
      }
      f.root().path("resources").fields().forEachRemaining(kind -> kind.getValue().fieldNames().forEachRemaining(key -> {
        Path earlier = resourceKeys.putIfAbsent(key, f.path());
        if (earlier != null) {
          throw new AssertionError("multiple resources have been defined with the same key: " + key + " ("
              + root.relativize(earlier) + ", " + root.relativize(f.path()) + ")");
        }
      }));
    }
    return (ObjectNode) out;
  }

  /** The merged configuration with one target selected (its overrides applied, {@code targets} removed). */
  ObjectNode effective(String target) {
    return CliMerge.selectTarget(merged(), target);
  }

  /**
   * {@link #effective} with every {@code ${...}} reference replaced by its value. A string that is
   * exactly one reference takes the value with its type (a number stays a number, a complex variable
   * its structure), as the CLI does; references inside longer strings are substituted as text.
   */
  JsonNode resolved(String target) {
    ObjectNode config = effective(target);
    return substitute(config, config.path("variables"), target, 0);
  }

  private JsonNode substitute(JsonNode node, JsonNode variables, String target, int depth) {
    if (depth > 20) {
      throw new AssertionError("references nest too deep (a cycle?) in target " + target);
    }
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), substitute(e.getValue(), variables, target, depth)));
      return out;
    }
    if (node.isArray()) {
      var out = JSON.createArrayNode();
      node.forEach(e -> out.add(substitute(e, variables, target, depth)));
      return out;
    }
    if (!node.isTextual() || !node.asText().contains("${")) {
      return node;
    }
    Matcher whole = BUNDLE_REF.matcher(node.asText());
    if (whole.matches()) {
      return substitute(refValue(whole.group(1), variables, target), variables, target, depth + 1);
    }
    Matcher m = BUNDLE_REF.matcher(node.asText());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      JsonNode v = substitute(refValue(m.group(1), variables, target), variables, target, depth + 1);
      if (v.isContainerNode()) {
        throw new AssertionError("${" + m.group(1) + "} is complex and cannot be part of the string '" + node.asText() + "'");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v.asText()));
    }
    m.appendTail(sb);
    return JSON.getNodeFactory().textNode(sb.toString());
  }

  private JsonNode refValue(String ref, JsonNode variables, String target) {
    JsonNode configured = ref.startsWith("var.") ? variables.path(ref.substring(4)).path("default") : MissingNode.getInstance();
    return lookupNode(ref, target, configured);
  }

  String bundleName() {
    return main().path("bundle").path("name").asText();
  }

  /** Every resource of a kind ("jobs", "dashboards", "volumes") across all files, by key. */
  Map<String, JsonNode> resources(String kind) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (SourceFile f : files) {
      f.root().path("resources").path(kind).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** The file that declares a resource. */
  Path declaringFile(String kind, String key) {
    return files.stream()
        .filter(f -> f.root().path("resources").path(kind).has(key))
        .map(SourceFile::path)
        .findFirst()
        .orElseThrow();
  }

  /** Every task, including the task nested in a for-each task. */
  List<Task> tasks() {
    List<Task> out = new ArrayList<>();
    resources("jobs").forEach((key, job) -> {
      Path file = declaringFile("jobs", key);
      for (JsonNode t : job.path("tasks")) {
        out.add(new Task(key, job, t, file));
        JsonNode nested = t.path("for_each_task").path("task");
        if (!nested.isMissingNode()) {
          out.add(new Task(key, job, nested, file));
        }
      }
    });
    return out;
  }

  /** Every scalar string in every file, with its path in the document (for scans). */
  void forEachString(Consumer<Map.Entry<String, String>> action) {
    for (SourceFile f : files) {
      walk(f.root(), root.relativize(f.path()) + ":", action);
    }
  }

  /** All values of a field name anywhere in the bundle. */
  List<JsonNode> findAll(String field) {
    List<JsonNode> out = new ArrayList<>();
    files.forEach(f -> out.addAll(f.root().findValues(field)));
    return out;
  }

  private static void walk(JsonNode node, String path, Consumer<Map.Entry<String, String>> action) {
    if (node.isTextual()) {
      action.accept(Map.entry(path, node.asText()));
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> walk(e.getValue(), path + "/" + e.getKey(), action));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", action);
      }
    }
  }

  private List<SourceFile> matching(String glob) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(p -> matcher.matches(root.relativize(p)))
          .sorted()
          .map(BundleModel::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SourceFile read(Path file) {
    try {
      JsonNode node = YAML.readTree(file.toFile());
      return new SourceFile(file, node == null ? MissingNode.getInstance() : node);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse " + file, e);
    }
  }

  /** Walks up from the working directory to the folder holding databricks.yml and pom.xml. */
  static Path locateRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !(Files.isRegularFile(dir.resolve("databricks.yml")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new AssertionError("No databricks.yml next to a pom.xml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
