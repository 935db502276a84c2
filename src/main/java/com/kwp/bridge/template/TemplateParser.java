package com.kwp.bridge.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a {@code .sql} template into text and typed placeholders. Rules (see README "Query templates"):
 * {@code {name}} is a placeholder when name is a plain word; inside {@code '...'} it is a LITERAL; next to a
 * dot or after FROM/JOIN an IDENTIFIER; elsewhere an EXPRESSION. {@code {{} and {@code }}} stand for single
 * braces. Any other brace (JSON in a string, {@code {fn ...}} escapes) is kept as written. Comments and
 * double-quoted or bracketed identifiers are copied verbatim, placeholders in them included.
 */
public final class TemplateParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> TABLE_KEYWORDS = Set.of("FROM", "JOIN");

  private TemplateParser() {}

  public static List<Segment> parse(String sql) {
    List<Segment> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean inString = false;
    int line = 1;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (!inString && (startsWith(sql, i, "--") || startsWith(sql, i, "/*") || c == '"' || c == '[')) {
        int end = verbatimEnd(sql, i);
        String chunk = sql.substring(i, end);
        line += count(chunk, '\n');
        text.append(chunk);
        i = end;
        continue;
      }
      if (c == '\'') {
        // '' inside a literal is an escaped quote and leaves the literal open
        if (inString && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          text.append("''");
          i += 2;
          continue;
        }
        inString = !inString;
      } else if ((c == '{' || c == '}') && i + 1 < sql.length() && sql.charAt(i + 1) == c) {
        text.append(c);
        i += 2;
        continue;
      } else if (c == '{') {
        int close = sql.indexOf('}', i + 1);
        if (close > 0 && NAME.matcher(sql.substring(i + 1, close)).matches()) {
          PlaceholderKind kind = inString ? PlaceholderKind.LITERAL
              : isIdentifierPosition(text, sql, close + 1) ? PlaceholderKind.IDENTIFIER : PlaceholderKind.EXPRESSION;
          flush(out, text);
          out.add(new Segment.Placeholder(sql.substring(i + 1, close), kind, line));
          i = close + 1;
          continue;
        }
      } else if (c == '\n') {
        line++;
      }
      text.append(c);
      i++;
    }
    flush(out, text);
    return out;
  }

  /** Part of a dotted name ({@code x.{p}} or {@code {p}.x}), or the name right after FROM / JOIN. */
  private static boolean isIdentifierPosition(StringBuilder before, String sql, int after) {
    if (before.length() > 0 && before.charAt(before.length() - 1) == '.') {
      return true;
    }
    if (after < sql.length() && sql.charAt(after) == '.') {
      return true;
    }
    int end = before.length();
    while (end > 0 && Character.isWhitespace(before.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0 && Character.isLetter(before.charAt(start - 1))) {
      start--;
    }
    return end < before.length() && TABLE_KEYWORDS.contains(before.substring(start, end).toUpperCase(Locale.ROOT));
  }

  /** End (exclusive) of a comment or quoted identifier starting at {@code i}; the rest of the text if unclosed. */
  private static int verbatimEnd(String sql, int i) {
    if (startsWith(sql, i, "--")) {
      int nl = sql.indexOf('\n', i);
      return nl < 0 ? sql.length() : nl;
    }
    if (startsWith(sql, i, "/*")) {
      int end = sql.indexOf("*/", i + 2);
      return end < 0 ? sql.length() : end + 2;
    }
    char close = sql.charAt(i) == '[' ? ']' : '"';
    int j = i + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == close) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == close) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return sql.length();
  }

  private static boolean startsWith(String s, int i, String prefix) {
    return s.startsWith(prefix, i);
  }

  private static int count(String s, char ch) {
    return (int) s.chars().filter(x -> x == ch).count();
  }

  private static void flush(List<Segment> out, StringBuilder text) {
    if (text.length() > 0) {
      out.add(new Segment.Text(text.toString()));
      text.setLength(0);
    }
  }
}
