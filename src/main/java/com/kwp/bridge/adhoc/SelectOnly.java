package com.kwp.bridge.adhoc;

import com.kwp.bridge.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pure: accepts one SELECT (or WITH ... SELECT) statement and refuses anything else. Words are read
 * outside string literals, quoted identifiers and comments, so {@code 'DELETE'} in a literal is fine but a
 * second statement, {@code SELECT ... INTO} (creates a table on SQL Server) or a data-modifying CTE is not.
 * The read-only transaction, where the database has one, is the second line of defence.
 */
public final class SelectOnly {
  static final Set<String> FORBIDDEN = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "DROP", "ALTER", "CREATE", "TRUNCATE",
      "EXEC", "EXECUTE", "GRANT", "REVOKE", "DENY", "INTO", "CALL", "COPY", "SET", "DECLARE", "LOCK", "VACUUM", "BACKUP",
      "RESTORE", "DBCC", "KILL", "SHUTDOWN", "USE", "BEGIN", "COMMIT", "ROLLBACK", "OPENROWSET", "OPENQUERY", "OPENDATASOURCE");

  private SelectOnly() {}

  /** The statement without trailing semicolons; throws naming what is refused. */
  public static String check(String sql) {
    ValidationException.check(sql != null && !sql.isBlank(), "run-query: no statement given; pass one SELECT in quotes.");
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"' || c == '[' || c == '`') {
        char close = c == '[' ? ']' : c;
        int j = i + 1;
        while (j < s.length()) {
          if (s.charAt(j) == close) {
            if (j + 1 < s.length() && s.charAt(j + 1) == close) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        ValidationException.check(j < s.length(), "run-query: the statement has an unclosed %s.", String.valueOf(c));
        i = j + 1;
      } else if (s.startsWith("--", i)) {
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? s.length() : nl + 1;
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        ValidationException.check(end >= 0, "run-query: the statement has an unclosed /* comment.");
        i = end + 2;
      } else if (c == ';') {
        throw new ValidationException("run-query runs one statement; this text holds several (';' at character " + (i + 1) + ").");
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
          j++;
        }
        words.add(s.substring(i, j).toUpperCase(Locale.ROOT));
        i = j;
      } else {
        i++;
      }
    }
    ValidationException.check(!words.isEmpty() && (words.get(0).equals("SELECT") || words.get(0).equals("WITH")),
        "run-query only runs a SELECT; this statement starts with '%s'.", words.isEmpty() ? s : words.get(0));
    for (String w : words) {
      ValidationException.check(!FORBIDDEN.contains(w), "run-query only runs a plain SELECT; '%s' is not allowed in it.", w);
    }
    return s;
  }
}
