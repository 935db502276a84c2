package com.kwp.bridge.extract.copy;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.security.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One read by binary COPY: the connection, one COPY statement per Spark partition, and the column types
 * the decoding is planned from. A data source takes only string options, so this is how it travels; the
 * password's key contains "password", which Spark's option redaction ({@code spark.redaction.regex}) hides.
 */
public record CopyRead(ConnectionConfig source, List<String> statements, List<String> pgTypes) {
  private static final String PROPERTY = "property.";

  public CopyRead {
    statements = List.copyOf(statements);
    pgTypes = List.copyOf(pgTypes);
  }

  Map<String, String> options() {
    Map<String, String> o = new HashMap<>();
    o.put("connection-name", source.name());
    o.put("url", source.url());
    if (source.user() != null) {
      o.put("user", source.user());
    }
    o.put("password", source.password().reveal());
    source.properties().forEach((k, v) -> o.put(PROPERTY + k, v));
    o.put("partitions", String.valueOf(statements.size()));
    for (int i = 0; i < statements.size(); i++) {
      o.put("statement." + i, statements.get(i));
    }
    o.put("pg-types", String.join(",", pgTypes));
    return o;
  }

  /** Back from the options ({@code options} keeps the keys' case, as driver properties need it). */
  static CopyRead fromOptions(Map<String, String> options) {
    Map<String, String> properties = new HashMap<>();
    options.forEach((k, v) -> {
      if (k.startsWith(PROPERTY)) {
        properties.put(k.substring(PROPERTY.length()), v);
      }
    });
    String password = options.getOrDefault("password", "");
    ConnectionConfig source = new ConnectionConfig(options.get("connection-name"), options.get("url"), options.get("user"),
        password.isEmpty() ? Secret.empty() : Secret.of(password), properties);
    int n = Integer.parseInt(options.get("partitions"));
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      statements.add(options.get("statement." + i));
    }
    return new CopyRead(source, statements, List.of(options.get("pg-types").split(",", -1)));
  }
}
