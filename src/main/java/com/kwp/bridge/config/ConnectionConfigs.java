package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.security.Secret;
import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link ConnectionConfig} from the {@code source} or {@code target} section. */
public final class ConnectionConfigs {
  private ConnectionConfigs() {}

  /**
   * Reads section {@code name} ("source" or "target"). A non-blank {@code url} wins; otherwise a SQL Server
   * URL is built from host, port and database.
   */
  public static ConnectionConfig from(Config config, String name) {
    String url = ConfigLoader.optionalString(config, name + ".url");
    String host = ConfigLoader.optionalString(config, name + ".host");
    if (url == null) {
      if (host == null) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        throw new ConfigException("No " + name + " database configured: set " + upper + "_JDBC_URL, or SQLSERVER_HOST and SQLSERVER_DATABASE"
            + " (or " + name + ".url / " + name + ".host in conf/common.conf).");
      }
      String database = ConfigLoader.optionalString(config, name + ".database");
      url = "jdbc:sqlserver://" + host + ":" + config.getInt(name + ".port")
          + (database == null ? "" : ";databaseName=" + database);
    }
    if (!url.startsWith("jdbc:")) {
      throw new ConfigException(name + ".url must be a JDBC URL starting with 'jdbc:', got '" + com.kwp.bridge.security.Redactor.redactUrl(url) + "'.");
    }
    Map<String, String> props = new LinkedHashMap<>();
    if (config.hasPath(name + ".properties")) {
      config.getConfig(name + ".properties").entrySet()
          .forEach(e -> props.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
    }
    String user = ConfigLoader.optionalString(config, name + ".username");
    String password = ConfigLoader.optionalString(config, name + ".password");
    return new ConnectionConfig(name, url, user, Secret.of(password), props);
  }
}
