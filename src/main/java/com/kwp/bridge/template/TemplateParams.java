package com.kwp.bridge.template;

import com.kwp.bridge.config.ConfigLoader;
import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Template parameters after layering (the {@code params} block of the resolved config), each with where its
 * value came from, plus what is needed to say where a missing one was looked for.
 */
public record TemplateParams(Map<String, Param> values, Path configDir, String country) {

  /** One resolved parameter; {@code origin} is e.g. "command line --param x" or "conf/Colombia.conf: 4". */
  public record Param(String name, String value, String origin) {}

  public TemplateParams {
    values = Map.copyOf(values);
  }

  /** Reads {@code params} from a configuration loaded by {@link ConfigLoader}; lists and objects are rejected. */
  public static TemplateParams from(Config config, Path configDir, String country) {
    Map<String, Param> out = new TreeMap<>();
    if (config.hasPath("params")) {
      for (Map.Entry<String, ConfigValue> e : config.getObject("params").entrySet()) {
        ConfigValue v = e.getValue();
        ConfigException.check(v.valueType() != ConfigValueType.OBJECT && v.valueType() != ConfigValueType.LIST,
            "params.%s (%s) must be a single value, not a list or block.", e.getKey(), v.origin().description());
        String value = v.valueType() == ConfigValueType.NULL ? null : String.valueOf(v.unwrapped());
        if (value != null) {
          out.put(e.getKey(), new Param(e.getKey(), value, v.origin().description()));
        }
      }
    }
    return new TemplateParams(out, configDir, country);
  }

  public Optional<Param> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The places a parameter is looked for, highest precedence first, as a user would set it. */
  public String placesLookedIn(String name) {
    String dir = configDir == null ? "conf" : configDir.toString();
    return "command line --param " + name + "=..., environment " + ConfigLoader.PARAM_ENV_PREFIX + name + ", "
        + (country == null ? "" : dir + "/" + country + ".conf params { " + name + " = ... }, ")
        + dir + "/" + ConfigLoader.COMMON_FILE + " params { " + name + " = ... }";
  }
}
