package com.kwp.bridge.security;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks credentials in JDBC URLs, config keys and free text before they reach a log line or a message. */
public final class Redactor {
  /** Key names (any case, any position in a dotted path) whose values are secrets. */
  private static final Set<String> SECRET_WORDS =
      Set.of("password", "pwd", "secret", "token", "accesstoken", "clientsecret", "key", "credential");

  // key=value pairs inside JDBC URLs (SQL Server ';' style and query-string '&' style).
  private static final Pattern URL_PAIR =
      Pattern.compile("(?i)([;?&])((?:password|pwd|accessToken|clientSecret|token|secret)\\s*=)([^;&]*)");
  // user:password@host in URL authority sections.
  private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@;?]+):([^@/;?]+)@");

  private Redactor() {}

  /** A JDBC URL with every credential replaced by the mask. */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = URL_PAIR.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + Secret.MASK));
    return URL_USERINFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + Secret.MASK + "@"));
  }

  /** True when a config key (e.g. {@code source.password}, {@code SQLSERVER_PASSWORD}) holds a secret. */
  public static boolean isSecretKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (String part : lower.split("[._\\-]")) {
      if (SECRET_WORDS.contains(part)) {
        return true;
      }
    }
    return lower.contains("password");
  }

  /** Removes any occurrence of the given secret values from a text (for third-party exception messages). */
  public static String scrub(String text, Iterable<Secret> secrets) {
    if (text == null) {
      return null;
    }
    String out = redactUrl(text);
    for (Secret s : secrets) {
      if (!s.isEmpty() && s.reveal().length() >= 3) {
        out = out.replace(s.reveal(), Secret.MASK);
      }
    }
    return out;
  }
}
