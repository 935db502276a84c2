package com.kwp.bridge.security;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials before they reach a log line, a message, show-params output or a status/audit row.
 * JDBC URLs are parsed into their properties (SQL Server {@code ;key=value} with {@code {...}} quoting and
 * spaces around keys, PostgreSQL {@code ?a=b&c=d}, {@code user:password@host}); every value whose key
 * contains {@code pass}, {@code pwd}, {@code secret}, {@code token}, {@code key} or {@code credential}
 * (any case) is masked. Free text gets the same treatment for every {@code key=value} in it.
 */
public final class Redactor {
  private static final Pattern SECRET_WORD = Pattern.compile("pass|pwd|secret|token|key|credential");
  /** Segments that contain "key" but name key columns, not credentials ({@code params.keys}, {@code queries.x.keys}). */
  private static final Pattern KEY_COLUMNS = Pattern.compile("(^|[._\\-])(primary_)?keys($|[._\\-])");
  // A secret-looking key followed by = and a value: {braced;value}, quoted, or up to a separator.
  private static final Pattern TEXT_PAIR = Pattern.compile(
      "(?i)([A-Za-z0-9_.\\-]*(?:pass|pwd|secret|token|key|credential)[A-Za-z0-9_.\\-]*)(\\s*=\\s*)(\\{(?:[^}]|\\}\\})*\\}|\"[^\"]*\"|'[^']*'|[^;&\\s,)\\]}]+)");
  // JSON style "password":"value".
  private static final Pattern JSON_PAIR = Pattern.compile(
      "(?i)(\"[A-Za-z0-9_.\\-]*(?:pass|pwd|secret|token|key|credential)[A-Za-z0-9_.\\-]*\"\\s*:\\s*)\"[^\"]*\"");
  // user:password@ in a URL authority.
  private static final Pattern USERINFO = Pattern.compile("(//[^/:@;?\\s]+):([^@/;?\\s]+)@");

  private Redactor() {}

  /** True when a config or URL property key (e.g. {@code source.password}, {@code trustStorePassword}, {@code SQLSERVER_PASSWORD}) holds a secret. */
  public static boolean isSecretKey(String key) {
    if (key == null) {
      return false;
    }
    String lower = KEY_COLUMNS.matcher(key.trim().toLowerCase(Locale.ROOT)).replaceAll("$1$3");
    return SECRET_WORD.matcher(lower).find();
  }

  /** A JDBC URL with every credential value replaced by the mask; the rest as written. */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    String u = USERINFO.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + Secret.MASK + "@"));
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = u.length();
    // Everything up to the first property separator is the server part; then key=value pairs separated by ; or & (after ?).
    while (i < n && u.charAt(i) != ';' && u.charAt(i) != '?') {
      out.append(u.charAt(i++));
    }
    while (i < n) {
      char sep = u.charAt(i++);
      out.append(sep);
      StringBuilder key = new StringBuilder();
      while (i < n && u.charAt(i) != '=' && u.charAt(i) != ';' && u.charAt(i) != '&') {
        key.append(u.charAt(i++));
      }
      out.append(key);
      if (i >= n || u.charAt(i) != '=') {
        continue;
      }
      i++;
      out.append('=');
      int valueStart = i;
      while (i < n && Character.isWhitespace(u.charAt(i))) {
        i++;
      }
      if (i < n && u.charAt(i) == '{') {
        // {...} quoting: '}}' is an escaped brace; the value ends at the first single '}'.
        i++;
        while (i < n) {
          if (u.charAt(i) == '}') {
            if (i + 1 < n && u.charAt(i + 1) == '}') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          i++;
        }
      }
      while (i < n && u.charAt(i) != ';' && u.charAt(i) != '&') {
        i++;
      }
      String value = u.substring(valueStart, i);
      out.append(isSecretKey(key.toString()) && !value.isBlank() ? Secret.MASK : value);
    }
    return out.toString();
  }

  /** Free text with every JDBC URL and every secret-looking key=value masked. */
  public static String redactText(String text) {
    if (text == null) {
      return null;
    }
    String out = USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + Secret.MASK + "@"));
    out = JSON_PAIR.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + Secret.MASK + "\""));
    return TEXT_PAIR.matcher(out).replaceAll(m -> isSecretKey(m.group(1))
        ? Matcher.quoteReplacement(m.group(1) + m.group(2) + Secret.MASK) : Matcher.quoteReplacement(m.group()));
  }

  /** {@link #redactText}, then any occurrence of the given secret values removed (for third-party exception messages). */
  public static String scrub(String text, Iterable<Secret> secrets) {
    if (text == null) {
      return null;
    }
    String out = redactText(text);
    for (Secret s : secrets) {
      if (s != null && !s.isEmpty() && s.reveal().length() >= 3) {
        out = out.replace(s.reveal(), Secret.MASK);
      }
    }
    return out;
  }
}
