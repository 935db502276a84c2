package com.kwp.bridge.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Databricks CLI's own rules for a bundle configuration, from the files it generates
 * (src/test/resources/bundle-schema, see ORIGIN.md there): the JSON schema (types, enums, unknown
 * keys through {@code additionalProperties: false}), the fields it flags {@code deprecated}, and the
 * required-field and enum tables {@code bundle validate} applies beyond the schema.
 */
final class BundleSchema {
  private static final String FOLDER = "/bundle-schema/";
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)((?:\\[\\*])*)");

  private final JsonNode schemaNode;
  private final Schema schema;
  /** The same schema without {@code required}: a target is an overlay whose required fields come from the files it overrides. */
  private final Schema overlaySchema;
  private final Map<List<String>, List<String>> required;
  private final Map<List<String>, List<String>> enums;

  private BundleSchema() {
    schemaNode = read("jsonschema.json");
    schema = registry().getSchema(schemaNode);
    JsonNode relaxed = schemaNode.deepCopy();
    relaxed.findParents("required").forEach(parent -> {
      if (parent.get("required").isArray()) {
        ((ObjectNode) parent).remove("required");
      }
    });
    overlaySchema = registry().getSchema(relaxed);
    required = table("required_fields.json");
    enums = table("enum_fields.json");
  }

  /**
   * Draft 2020-12. The CLI's own keywords (doNotSuggest, x-databricks-launch-stage) and the grouping
   * levels inside {@code $defs} (github.com, databricks, ...) are annotations, not assertions.
   */
  private static SchemaRegistry registry() {
    Dialect dialect = Dialect.builder(Dialects.getDraft202012())
        .unknownKeywordFactory((name, context) -> new NonValidationKeyword(name))
        .build();
    return SchemaRegistry.withDefaultDialect(dialect);
  }

  private static final class Holder {
    static final BundleSchema INSTANCE = new BundleSchema();
  }

  static BundleSchema cli() {
    return Holder.INSTANCE;
  }

  /** Every violation, one line each ("path: message"), in document order; empty when the configuration is clean. */
  List<String> violations(JsonNode config) {
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(config)) {
      out.add("schema: " + e.getInstanceLocation() + ": " + e.getMessage());
    }
    deprecated(schemaNode, config, "", out);
    required.forEach((pattern, fields) -> matches(config, pattern, 0, "", (path, node) -> {
      if (node.isObject()) {
        for (String f : fields) {
          if (!node.has(f) || node.get(f).isNull()) {
            out.add("required: " + path.substring(1) + ": required field \"" + f + "\" is not set");
          }
        }
      }
    }));
    enums.forEach((pattern, allowed) -> matches(config, pattern, 0, "", (path, node) -> {
      // A value still holding a ${...} reference is checked after resolution.
      if (node.isValueNode() && !node.asText().contains("${") && !allowed.contains(node.asText())) {
        out.add("enum: " + path.substring(1) + ": value \"" + node.asText() + "\" is not one of " + allowed);
      }
    }));
    return out;
  }

  /**
   * Violations of the configuration before a target is selected, its {@code targets} section included:
   * unknown keys, types, enums and deprecated fields everywhere, but no required fields (a target sets
   * only what it overrides; {@link #violations} checks required fields on each selected target).
   */
  List<String> overlayViolations(JsonNode config) {
    List<String> out = new ArrayList<>();
    for (Error e : overlaySchema.validate(config)) {
      out.add("schema: " + e.getInstanceLocation() + ": " + e.getMessage());
    }
    deprecated(schemaNode, config, "", out);
    return out;
  }

  /** Walks instance and schema together and reports every property the schema marks deprecated. */
  private void deprecated(JsonNode s, JsonNode instance, String path, List<String> out) {
    JsonNode sch = deref(s);
    for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
      for (JsonNode branch : sch.path(combinator)) {
        JsonNode b = deref(branch);
        if (accepts(b, instance)) {
          deprecated(b, instance, path, out);
        }
      }
    }
    if (instance.isObject()) {
      instance.fields().forEachRemaining(e -> {
        JsonNode property = sch.path("properties").path(e.getKey());
        String p = path + "." + e.getKey();
        if (!property.isMissingNode()) {
          if (property.path("deprecated").asBoolean(false) || deref(property).path("deprecated").asBoolean(false)) {
            out.add("deprecated: " + p.substring(1) + " is deprecated");
          }
          deprecated(property, e.getValue(), p, out);
        } else if (sch.path("additionalProperties").isObject()) {
          deprecated(sch.path("additionalProperties"), e.getValue(), p, out);
        }
      });
    } else if (instance.isArray() && sch.path("items").isObject()) {
      for (int i = 0; i < instance.size(); i++) {
        deprecated(sch.path("items"), instance.get(i), path + "[" + i + "]", out);
      }
    }
  }

  private static boolean accepts(JsonNode branch, JsonNode instance) {
    String type = branch.path("type").asText("");
    return switch (type) {
      case "object" -> instance.isObject();
      case "array" -> instance.isArray();
      default -> false; // scalars carry no properties to deprecate
    };
  }

  private JsonNode deref(JsonNode s) {
    JsonNode current = s;
    for (int i = 0; i < 50 && current.has("$ref"); i++) {
      String ref = current.path("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new AssertionError("unsupported $ref " + ref);
      }
      JsonNode target = schemaNode;
      for (String part : ref.substring(2).split("/")) {
        target = target.path(part.replace("~1", "/").replace("~0", "~"));
      }
      if (target.isMissingNode()) {
        throw new AssertionError("dangling $ref " + ref);
      }
      current = target;
    }
    return current;
  }

  /** Visits every node at a CLI path pattern such as {@code resources.jobs.*.tasks[*].spark_jar_task}. */
  private static void matches(JsonNode node, List<String> pattern, int i, String path, BiConsumer<String, JsonNode> visit) {
    if (i == pattern.size()) {
      visit.accept(path, node);
      return;
    }
    String seg = pattern.get(i);
    if (seg.equals("[*]")) {
      if (node.isArray()) {
        for (int k = 0; k < node.size(); k++) {
          matches(node.get(k), pattern, i + 1, path + "[" + k + "]", visit);
        }
      }
    } else if (node.isObject()) {
      if (seg.equals("*")) {
        node.fields().forEachRemaining(e -> matches(e.getValue(), pattern, i + 1, path + "." + e.getKey(), visit));
      } else if (node.has(seg)) {
        matches(node.get(seg), pattern, i + 1, path + "." + seg, visit);
      }
    }
  }

  static List<String> parsePattern(String pattern) {
    List<String> out = new ArrayList<>();
    for (String part : pattern.split("\\.")) {
      Matcher m = SEGMENT.matcher(part);
      if (!m.matches()) {
        throw new AssertionError("unexpected path pattern " + pattern);
      }
      out.add(m.group(1));
      for (int k = 0; k < m.group(2).length() / 3; k++) {
        out.add("[*]");
      }
    }
    return out;
  }

  private static Map<List<String>, List<String>> table(String file) {
    Map<List<String>, List<String>> out = new TreeMap<>((a, b) -> String.join(".", a).compareTo(String.join(".", b)));
    read(file).fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      out.put(parsePattern(e.getKey()), List.copyOf(values));
    });
    return out;
  }

  private static JsonNode read(String file) {
    try (InputStream in = BundleSchema.class.getResourceAsStream(FOLDER + file)) {
      if (in == null) {
        throw new AssertionError("test resource " + FOLDER + file + " is missing (see src/test/resources/bundle-schema/ORIGIN.md)");
      }
      return BundleModel.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
