package com.kwp.bridge.config;

import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.security.Access;
import com.kwp.bridge.security.Grant;
import com.kwp.bridge.security.Permissions;
import com.kwp.bridge.security.Principal;
import com.kwp.bridge.security.SourceGrant;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code conf/permissions.conf} once. Each principal is keyed by its authenticated identity (the
 * Delta commit's userName: an e-mail or a service principal's application id):
 * <pre>
 * principals {
 *   "0d1c7a52-...-9f3e" {
 *     name = panel-calibration
 *     sources = ["main.panel.*", "main.calibration.results"]
 *     targets = [ { table = "dbo.CalibrationResults", access = read_write, max_delete_rows = 10000 } ]
 *   }
 * }
 * </pre>
 */
public final class PermissionsLoader {
  private static final Set<String> PRINCIPAL_KEYS = Set.of("name", "sources", "targets");
  private static final Set<String> GRANT_KEYS = Set.of("table", "access", "max_delete_rows", "replace");

  private PermissionsLoader() {}

  /**
   * Fails when {@code <dir>/permissions.conf} is missing (or misnamed): SyncJob checks this at start, since
   * otherwise every event would be rejected one by one with nobody told why.
   */
  public static void requireFile(Path dir) {
    if (!Files.isRegularFile(dir.resolve(ConfigLoader.PERMISSIONS_FILE))) {
      throw new ConfigException("No " + ConfigLoader.PERMISSIONS_FILE + " in " + dir.toAbsolutePath()
          + " (.conf files there: " + confFiles(dir) + "); SyncJob needs it to know which principal may write which table."
          + " Create it (README, SyncJob) or fix --config-path.");
    }
  }

  /** Loads {@code <dir>/permissions.conf}; a missing file means no principal may write (every event is rejected). */
  public static Permissions load(Path dir) {
    Path file = dir.resolve(ConfigLoader.PERMISSIONS_FILE);
    if (!Files.isRegularFile(file)) {
      return Permissions.none();
    }
    try {
      return parse(ConfigFactory.parseFile(file.toFile()).resolve(), file.toString());
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  private static String confFiles(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList();
      return names.isEmpty() ? "none" : String.join(", ", names);
    } catch (java.io.IOException e) {
      return "cannot list: " + e.getMessage();
    }
  }

  /** Parses an already loaded permissions document; {@code origin} names it in errors. */
  public static Permissions parse(Config c, String origin) {
    List<String> top = new ArrayList<>(c.root().keySet());
    top.remove("principals");
    ConfigException.check(top.isEmpty(), "%s: unknown top-level key(s) %s; expected only 'principals'", origin, top);
    List<Principal> out = new ArrayList<>();
    if (!c.hasPath("principals")) {
      return Permissions.of(out);
    }
    Config principals = c.getConfig("principals");
    Set<String> names = new HashSet<>();
    Set<String> identities = new HashSet<>();
    for (String identity : principals.root().keySet()) {
      String where = origin + ": principals.\"" + identity + "\"";
      ConfigException.check(principals.root().get(identity).valueType() == ConfigValueType.OBJECT,
          "%s must be { name, sources = [...], targets = [...] } keyed by the identity Unity Catalog records for its commits"
              + " (an e-mail or a service principal's application id); see the README, Security", where);
      Principal p = principal(identity, principals.getConfig(ConfigLoader.quoteKey(identity)), where);
      ConfigException.check(identities.add(identity.toLowerCase(java.util.Locale.ROOT)), "%s: identity listed twice", where);
      ConfigException.check(p.displayName() == null || names.add(p.displayName()), "%s: name '%s' is used by another principal",
          where, p.displayName());
      out.add(p);
    }
    return Permissions.of(out);
  }

  private static Principal principal(String identity, Config p, String where) {
    List<String> unknown = p.root().keySet().stream().filter(k -> !PRINCIPAL_KEYS.contains(k)).sorted().toList();
    ConfigException.check(unknown.isEmpty(), "%s: unknown key(s) %s; known: name, sources, targets", where, unknown);
    String name = p.hasPath("name") && !p.getString("name").isBlank() ? p.getString("name").trim() : null;
    List<SourceGrant> sources = new ArrayList<>();
    try {
      for (String s : p.hasPath("sources") ? p.getStringList("sources") : List.<String>of()) {
        sources.add(new SourceGrant(s.trim()));
      }
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(where + ".sources must be a list of table names or paths: " + e.getMessage(), e);
    } catch (BridgeException e) {
      throw new ConfigException(where + ".sources: " + e.getMessage(), e);
    }
    List<Grant> targets = new ArrayList<>();
    List<? extends Config> list;
    try {
      list = p.hasPath("targets") ? p.getConfigList("targets") : List.of();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(where + ".targets must be a list of { table, access, max_delete_rows }: " + e.getMessage(), e);
    }
    for (int i = 0; i < list.size(); i++) {
      targets.add(grant(list.get(i), where + ".targets[" + i + "]"));
    }
    return new Principal(identity, name, sources, targets);
  }

  private static Grant grant(Config g, String where) {
    List<String> unknown = g.root().keySet().stream().filter(k -> !GRANT_KEYS.contains(k)).sorted().toList();
    ConfigException.check(unknown.isEmpty(), "%s: unknown key(s) %s; known: table, access, max_delete_rows, replace", where, unknown);
    ConfigException.check(g.hasPath("table") && !g.getString("table").isBlank(), "%s: 'table' is required", where);
    ConfigException.check(g.hasPath("access"), "%s: 'access' is required (read, write or read_write)", where);
    long max = g.hasPath("max_delete_rows") ? g.getLong("max_delete_rows") : 0L;
    ConfigException.check(max >= 0, "%s: max_delete_rows must be >= 0, got %d", where, max);
    ConfigException.check(!g.hasPath("replace") || g.getValue("replace").valueType() == ConfigValueType.BOOLEAN,
        "%s: replace must be true or false", where);
    boolean replace = g.hasPath("replace") && g.getBoolean("replace");
    try {
      return new Grant(g.getString("table").trim(), Access.parse(g.getString("access"), where), max, replace);
    } catch (ConfigException e) {
      throw e;
    } catch (BridgeException e) {
      throw new ConfigException(where + ": " + e.getMessage(), e);
    }
  }
}
