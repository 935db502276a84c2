package com.kwp.bridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flags every command and job main accepts, anywhere on the line: {@code --debug} (stack traces; also
 * {@code BRIDGE_DEBUG=1}) and {@code --log-format text|json}. Taken out before a command parses the rest.
 */
public record GlobalFlags(boolean debug, Optional<String> logFormat, String[] rest) {
  public static final String USAGE = "global options: --debug (stack traces; or BRIDGE_DEBUG=1), --log-format text|json";

  public static GlobalFlags parse(String[] args, Map<String, String> env) {
    boolean debug = isTrue(env.get("BRIDGE_DEBUG"));
    Optional<String> format = Optional.empty();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--debug")) {
        debug = true;
      } else if (a.equals("--log-format") || a.startsWith("--log-format=")) {
        String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : "");
        if (!v.equals("text") && !v.equals("json")) {
          throw new UsageException("--log-format must be text or json, got '" + v + "'");
        }
        format = Optional.of(v);
      } else {
        rest.add(a);
      }
    }
    return new GlobalFlags(debug, format, rest.toArray(new String[0]));
  }

  private static boolean isTrue(String v) {
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
  }
}
