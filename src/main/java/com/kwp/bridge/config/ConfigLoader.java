package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.Missing;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one resolver of configuration. Precedence, highest first: command line ({@code --param}, {@code
 * --conf}) &gt; environment &gt; {@code <Country>.conf} &gt; {@code common.conf} &gt; {@code reference.conf}.
 */
public final class ConfigLoader {
  public static final String COMMON_FILE = "common.conf";
  public static final String PERMISSIONS_FILE = "permissions.conf";
  /** Files in the config folder that are not countries. */
  private static final Set<String> RESERVED = Set.of("common", "permissions", "application", "reference");
  private static final Pattern COUNTRY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\- ]{0,63}");
  public static final String PARAM_ENV_PREFIX = "BRIDGE_PARAM_";

  /** Environment variables users know from the existing tool, and the config path each one sets. */
  static final Map<String, String> ENV_KEYS =
      Map.ofEntries(
          Map.entry("SQLSERVER_HOST", "sqlserver.host"),
          Map.entry("SQLSERVER_PORT", "sqlserver.port"),
          Map.entry("SQLSERVER_DATABASE", "sqlserver.database"),
          Map.entry("SQLSERVER_USERNAME", "sqlserver.username"),
          Map.entry("SQLSERVER_PASSWORD", "sqlserver.password"),
          Map.entry("SOURCE_JDBC_URL", "source.url"),
          Map.entry("SOURCE_JDBC_USER", "source.username"),
          Map.entry("SOURCE_JDBC_PASSWORD", "source.password"),
          Map.entry("TARGET_JDBC_URL", "target.url"),
          Map.entry("TARGET_JDBC_USER", "target.username"),
          Map.entry("TARGET_JDBC_PASSWORD", "target.password"));

  private ConfigLoader() {}

  /** What to load. {@code country} may be null (commands that need no country). */
  public record Request(
      Path configDir,
      String country,
      Map<String, String> params,
      Map<String, String> overrides,
      Map<String, String> env) {
    public Request {
      params = Map.copyOf(params);
      overrides = Map.copyOf(overrides);
      env = Map.copyOf(env);
    }

    public static Request of(Path configDir, String country) {
      return new Request(configDir, country, Map.of(), Map.of(), System.getenv());
    }
  }

  /** Loads, layers and resolves the configuration; fails with the file and key on any problem. */
  public static Config load(Request request) {
    Path dir = request.configDir();
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("Config folder " + dir.toAbsolutePath() + " does not exist; pass --config-path pointing at your conf/ folder.");
    }
    // Unresolved on purpose: defaultReference() resolves reference.conf on its own, which would freeze
    // source.host = ${sqlserver.host} before the environment layer could set sqlserver.host.
    Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
    Set<String> sections = reference.root().keySet();
    Config layered = ConfigFactory.empty();
    if (request.country() != null) {
      Path file = countryFile(dir, request.country());
      layered = rejectUnknownSections(parseFile(file), file.toString(), sections);
    }
    Path common = dir.resolve(COMMON_FILE);
    if (Files.isRegularFile(common)) {
      layered = layered.withFallback(rejectUnknownSections(parseFile(common), common.toString(), sections));
    }
    Config merged =
        rejectUnknownSections(fromCommandLine(request.params(), request.overrides()), "--conf", sections)
            .withFallback(fromEnvironment(request.env()))
            .withFallback(layered)
            .withFallback(reference);
    try {
      return merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Configuration in " + dir + " does not resolve: " + e.getMessage(), e);
    }
  }

  /**
   * A misspelt section ({@code extrac { ... }}) would otherwise be ignored silently: every top-level key of a
   * file must be a section the bridge reads (the top-level keys of reference.conf).
   */
  static Config rejectUnknownSections(Config c, String origin, Set<String> sections) {
    for (String key : c.root().keySet()) {
      if (!sections.contains(key)) {
        throw new ConfigException("Unknown top-level key '" + key + "' in " + origin + "; known sections: "
            + String.join(", ", new java.util.TreeSet<>(sections)) + ". Fix the spelling or remove it.");
      }
    }
    return c;
  }

  /** Country names that have a config file, sorted. */
  public static List<String> countries(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".conf"))
          .map(n -> n.substring(0, n.length() - ".conf".length()))
          .filter(n -> !RESERVED.contains(n.toLowerCase(Locale.ROOT)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ConfigException("Cannot list config folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The file of a country; the name can never leave the config folder. */
  public static Path countryFile(Path dir, String country) {
    List<String> known = countries(dir);
    if (!COUNTRY_NAME.matcher(country).matches() || RESERVED.contains(country.toLowerCase(Locale.ROOT))) {
      throw new ConfigException("Unknown country '" + country + "': not a valid country name. Countries with a config file in " + dir + ": " + known);
    }
    for (String k : known) {
      if (k.equals(country) || k.equalsIgnoreCase(country)) {
        return dir.resolve(k + ".conf");
      }
    }
    throw new ConfigException("Unknown country '" + country + "': no file " + country + ".conf in " + dir.toAbsolutePath()
        + ". Countries with a config file: " + (known.isEmpty() ? "(none)" : String.join(", ", known)) + ".");
  }

  private static Config parseFile(Path file) {
    try {
      return ConfigFactory.parseFile(
          file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  private static Config fromCommandLine(Map<String, String> params, Map<String, String> overrides) {
    Config c = ConfigFactory.empty("command line");
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      c = c.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "command line --conf " + e.getKey()));
    }
    for (Map.Entry<String, String> e : params.entrySet()) {
      c = c.withValue(paramPath(e.getKey()), ConfigValueFactory.fromAnyRef(e.getValue(), "command line --param " + e.getKey()));
    }
    return c;
  }

  static Config fromEnvironment(Map<String, String> env) {
    Config c = ConfigFactory.empty("environment");
    for (Map.Entry<String, String> e : env.entrySet()) {
      String path = ENV_KEYS.get(e.getKey());
      if (path != null && !e.getValue().isEmpty()) {
        c = c.withValue(path, ConfigValueFactory.fromAnyRef(e.getValue(), "environment " + e.getKey()));
      } else if (e.getKey().startsWith(PARAM_ENV_PREFIX) && e.getKey().length() > PARAM_ENV_PREFIX.length()) {
        String name = e.getKey().substring(PARAM_ENV_PREFIX.length());
        c = c.withValue(paramPath(name), ConfigValueFactory.fromAnyRef(e.getValue(), "environment " + e.getKey()));
      }
    }
    return c;
  }

  /** {@code params."name"}: quoted so a parameter name with dots stays one key. */
  public static String paramPath(String name) {
    return "params.\"" + name.replace("\"", "") + "\"";
  }

  /** Parses repeated {@code k=v} arguments; a missing '=' is an error naming the flag. */
  public static Map<String, String> parsePairs(String flag, List<String> pairs) {
    Map<String, String> out = new HashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(flag + " expects key=value, got '" + pair + "'.");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }
    return out;
  }

  /** A string at {@code path}, or null when absent or blank. */
  public static String optionalString(Config c, String path) {
    try {
      String v = c.getString(path);
      return v == null || v.isBlank() ? null : v;
    } catch (Missing e) {
      return null;
    }
  }

  /** Every key under a section, for "unknown key" checks. */
  public static List<String> keysUnder(Config c, String section) {
    List<String> out = new ArrayList<>();
    if (c.hasPath(section)) {
      c.getConfig(section).root().keySet().forEach(out::add);
    }
    return out;
  }

  /** A single key quoted for a HOCON path (keys with dots or dashes stay one element). */
  public static String quoteKey(String key) {
    return "\"" + key.replace("\"", "") + "\"";
  }
}
