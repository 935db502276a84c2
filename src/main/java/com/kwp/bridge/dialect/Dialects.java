package com.kwp.bridge.dialect;

import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.security.Redactor;

/** Picks the dialect from a JDBC URL, once. */
public final class Dialects {
  private Dialects() {}

  public static SqlDialect forUrl(String url) {
    if (url.startsWith("jdbc:sqlserver:")) {
      return new SqlServerDialect();
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    throw new ConfigException("Unsupported database URL " + Redactor.redactUrl(url)
        + ": the bridge speaks jdbc:sqlserver: and jdbc:postgresql:.");
  }
}
