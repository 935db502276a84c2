package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an append, incremental or MERGE write does when the read's columns differ from the existing output's
 * ({@code on-schema-change}). Overwrite always replaces the shape; an incompatible type change always refuses.
 */
public enum SchemaChangePolicy {
  /** Add new columns, widen what the destination can widen in place, keep missing columns (NULL in new rows). */
  EVOLVE("evolve"),
  /** Refuse any difference, listing them. */
  FAIL("fail"),
  /** Leave new columns out of the write; missing columns stay (NULL in new rows); a wider type refuses. */
  IGNORE_NEW("ignore_new");

  private final String key;

  SchemaChangePolicy(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Parses a config value ({@code ignore-new} is accepted for {@code ignore_new}, as the other keys are kebab-case). */
  public static SchemaChangePolicy parse(String path, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (SchemaChangePolicy p : values()) {
      if (p.key.equals(v)) {
        return p;
      }
    }
    throw new ConfigException(path + " = '" + value + "' is not a schema-change policy; use one of "
        + Arrays.stream(values()).map(SchemaChangePolicy::key).toList() + ".");
  }
}
