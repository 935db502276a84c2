package com.kwp.bridge.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the Databricks CLI (v1.13.0) combines configuration, restated for the test: included files are
 * merged into the root (maps key by key, sequences appended, scalars replaced, different kinds an
 * error), then one target's overrides are merged in, and finally a job's tasks, job clusters and
 * parameters that share a key are merged into one element. Rules read from the CLI's
 * libs/dyn/merge/merge.go, bundle/config/root.go (MergeTargetOverrides, rewriteShorthands) and
 * bundle/config/mutator/resourcemutator/merge_job_*.go.
 */
final class CliMerge {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Target fields merged like an include; the rest is replaced or moved (see {@link #selectTarget}). */
  private static final List<String> MERGED_TARGET_FIELDS =
      List.of("bundle", "workspace", "artifacts", "resources", "sync", "permissions", "presets");
  private static final Map<String, String> KEYED_JOB_LISTS =
      Map.of("tasks", "task_key", "job_clusters", "job_cluster_key", "parameters", "name");

  private CliMerge() {}

  /** Merges {@code b} over {@code a}; neither is modified. */
  static JsonNode merge(JsonNode a, JsonNode b, String path) {
    if (a == null || a.isNull() || a.isMissingNode()) {
      return b.deepCopy();
    }
    if (b == null || b.isNull() || b.isMissingNode()) {
      return a.deepCopy();
    }
    if (a.isObject() && b.isObject()) {
      ObjectNode out = ((ObjectNode) a).deepCopy();
      b.fields().forEachRemaining(e -> out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue(), path + "." + e.getKey())));
      return out;
    }
    if (a.isArray() && b.isArray()) {
      ArrayNode out = ((ArrayNode) a).deepCopy();
      b.forEach(e -> out.add(e.deepCopy()));
      return out;
    }
    if (a.isContainerNode() || b.isContainerNode() || kind(a) != kind(b)) {
      throw new AssertionError("cannot merge " + kind(a) + " with " + kind(b) + " at " + path.substring(1));
    }
    return b.deepCopy();
  }

  /** The configuration the CLI works with for one target; {@code targets} is gone afterwards. */
  static ObjectNode selectTarget(JsonNode root, String name) {
    JsonNode target = root.path("targets").path(name);
    if (!target.isObject()) {
      throw new AssertionError(name + ": no such target");
    }
    ObjectNode out = (ObjectNode) root.deepCopy();
    for (String f : MERGED_TARGET_FIELDS) {
      if (target.has(f)) {
        out.set(f, merge(out.get(f), target.get(f), "." + f));
      }
    }
    // Variables: a target value replaces the default (and drops a lookup), a target lookup replaces both.
    target.path("variables").fields().forEachRemaining(e -> {
      JsonNode override = e.getValue();
      boolean fullDefinition = override.isObject() && (override.has("default") || override.has("lookup"));
      ObjectNode variable = out.with("variables").with(e.getKey());
      if (fullDefinition && override.has("lookup")) {
        variable.remove("default");
        variable.set("lookup", override.get("lookup").deepCopy());
      } else {
        variable.remove("lookup");
        variable.set("default", (fullDefinition ? override.get("default") : override).deepCopy());
      }
    });
    if (target.has("run_as")) {
      out.set("run_as", target.get("run_as").deepCopy());
    }
    // The CLI also records the mode and the target name under `bundle`, as internal fields the schema
    // does not list; callers read them from the target itself.
    ObjectNode bundle = out.with("bundle");
    if (target.has("cluster_id")) {
      bundle.set("cluster_id", target.get("cluster_id").deepCopy());
    }
    if (target.has("git")) {
      bundle.set("git", merge(bundle.get("git"), target.get("git"), ".bundle.git"));
    }
    out.remove("targets");
    out.remove("environments");
    mergeKeyedJobLists(out);
    return out;
  }

  private static void mergeKeyedJobLists(ObjectNode config) {
    config.path("resources").path("jobs").forEach(job -> KEYED_JOB_LISTS.forEach((list, key) -> {
      if (job.path(list).isArray()) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        int unkeyed = 0;
        for (JsonNode element : job.path(list)) {
          String k = element.path(key).asText("");
          byKey.merge(k.isEmpty() ? "\u0000" + unkeyed++ : k, element, (x, y) -> merge(x, y, "." + list));
        }
        ArrayNode merged = NODES.arrayNode();
        byKey.values().forEach(merged::add);
        ((ObjectNode) job).set(list, merged);
      }
    }));
  }

  private static String kind(JsonNode n) {
    if (n.isTextual()) {
      return "string";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    if (n.isIntegralNumber()) {
      return "int";
    }
    if (n.isNumber()) {
      return "float";
    }
    return n.isObject() ? "map" : n.isArray() ? "sequence" : n.getNodeType().toString().toLowerCase();
  }
}
