package com.kwp.bridge.config;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.Set;

/** Names (or paths) of the bridge's Delta tables SyncJob uses. */
public record TablesConfig(String events, String status, String audit) implements Serializable {
  public static final String EVENTS = "tables.events";
  public static final String STATUS = "tables.status";
  public static final String AUDIT = "tables.audit";

  /** A relative path is made absolute here, once (see {@link LakeLocation}); a name that is not one is refused. */
  public TablesConfig {
    events = location(EVENTS, events);
    status = location(STATUS, status);
    audit = location(AUDIT, audit);
  }

  private static String location(String key, String value) {
    return LakeLocation.resolve(key, value, "catalog.schema.table", 3);
  }

  /** Reads the {@code tables} block; other helpers may add their own keys to it, so unknown keys are left alone. */
  public static TablesConfig from(Config c) {
    return new TablesConfig(require(c, EVENTS), require(c, STATUS), require(c, AUDIT));
  }

  private static String require(Config c, String path) {
    String v = ConfigLoader.optionalString(c, path);
    if (v == null) {
      throw new com.kwp.bridge.error.ConfigException(path + " is empty; give a Delta table name (catalog.schema.table) or a path.");
    }
    return v;
  }

  public TablesConfig withEvents(String name) {
    return new TablesConfig(name, status, audit);
  }

  static final Set<String> KEYS = Set.of("events", "status", "audit");
}
