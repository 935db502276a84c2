package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.security.Access;
import com.kwp.bridge.security.Grant;
import com.kwp.bridge.security.Permissions;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code conf/permissions.conf} once:
 * <pre>
 * principals {
 *   panel-calibration = [
 *     { table = "dbo.CalibrationResults", access = read_write, max_delete_rows = 10000 }
 *   ]
 * }
 * </pre>
 */
public final class PermissionsLoader {
  private static final Set<String> GRANT_KEYS = Set.of("table", "access", "max_delete_rows");

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
    Map<String, List<Grant>> out = new LinkedHashMap<>();
    if (!c.hasPath("principals")) {
      return new Permissions(out);
    }
    Config principals = c.getConfig("principals");
    for (String principal : principals.root().keySet()) {
      List<Grant> grants = new ArrayList<>();
      String where = origin + ": principals." + principal;
      List<? extends Config> list;
      try {
        list = principals.getConfigList(ConfigLoader.quoteKey(principal));
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException(where + " must be a list of { table, access, max_delete_rows }: " + e.getMessage(), e);
      }
      for (int i = 0; i < list.size(); i++) {
        grants.add(grant(list.get(i), where + "[" + i + "]"));
      }
      out.put(principal, List.copyOf(grants));
    }
    return new Permissions(out);
  }

  private static Grant grant(Config g, String where) {
    List<String> unknown = g.root().keySet().stream().filter(k -> !GRANT_KEYS.contains(k)).sorted().toList();
    ConfigException.check(unknown.isEmpty(), "%s: unknown key(s) %s; known: table, access, max_delete_rows", where, unknown);
    ConfigException.check(g.hasPath("table") && !g.getString("table").isBlank(), "%s: 'table' is required", where);
    ConfigException.check(g.hasPath("access"), "%s: 'access' is required (read, write or read_write)", where);
    long max = g.hasPath("max_delete_rows") ? g.getLong("max_delete_rows") : 0L;
    ConfigException.check(max >= 0, "%s: max_delete_rows must be >= 0, got %d", where, max);
    return new Grant(g.getString("table").trim(), Access.parse(g.getString("access"), where), max);
  }
}
