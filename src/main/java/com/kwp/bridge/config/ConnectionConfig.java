package com.kwp.bridge.config;

import com.kwp.bridge.security.Redactor;
import com.kwp.bridge.security.Secret;
import java.io.Serializable;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach one database. Serializable so executors can open their own connections; {@link #toString()}
 * never shows the password or URL credentials.
 */
public record ConnectionConfig(String name, String url, String user, Secret password, Map<String, String> properties)
    implements Serializable {

  public ConnectionConfig {
    properties = Map.copyOf(properties);
  }

  /** The URL with credentials masked, for logs and messages. */
  public String redactedUrl() {
    return Redactor.redactUrl(url);
  }

  /** Driver properties including user and password; the only place the secret is revealed. */
  public Properties driverProperties() {
    Properties p = new Properties();
    p.putAll(properties);
    if (user != null && !user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      p.setProperty("password", password.reveal());
    }
    return p;
  }

  public ConnectionConfig withProperty(String key, String value) {
    Map<String, String> copy = new java.util.HashMap<>(properties);
    copy.put(key, value);
    return new ConnectionConfig(name, url, user, password, copy);
  }

  @Override
  public String toString() {
    return name + "{url=" + redactedUrl() + ", user=" + user + ", password=" + password + "}";
  }
}
