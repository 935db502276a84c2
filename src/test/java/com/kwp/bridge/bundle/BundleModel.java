package com.kwp.bridge.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  static final String SAMPLE_USER = "ana.lopez@example.com";
  static final String SAMPLE_SHORT_NAME = "ana_lopez";

  /** One YAML file of the bundle and its parsed content. */
  record SourceFile(Path path, JsonNode root) {}

  /** A job task with the file that declared it (library paths are relative to that file). */
  record Task(String jobKey, JsonNode job, JsonNode task, Path declaredIn) {}

  final Path root;
  final List<SourceFile> files;

  BundleModel(Path root) {
    this.root = root;
    SourceFile main = read(root.resolve("databricks.yml"));
    List<SourceFile> all = new ArrayList<>();
    all.add(main);
    for (JsonNode glob : main.root().path("include")) {
      all.addAll(matching(glob.asText()));
    }
    this.files = List.copyOf(all);
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
    String files = "/Workspace/Users/" + SAMPLE_USER + "/.bundle/" + bundleName() + "/" + target + "/files";
    return switch (ref) {
      case "workspace.file_path" -> files;
      case "workspace.current_user.short_name" -> SAMPLE_SHORT_NAME;
      case "workspace.current_user.userName" -> SAMPLE_USER;
      case "bundle.name" -> bundleName();
      case "bundle.target" -> target;
      default -> {
        if (!ref.startsWith("var.")) {
          throw new AssertionError("Unknown bundle reference ${" + ref + "}: the test has no sample value for it");
        }
        JsonNode v = variable(ref.substring(4), target);
        if (v.isMissingNode() || v.isContainerNode()) {
          throw new AssertionError("${" + ref + "} has no scalar value in target " + target);
        }
        yield v.asText();
      }
    };
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
