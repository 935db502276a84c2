package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rtrim;
import static org.apache.spark.sql.functions.upper;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * How the target compares key values, so the duplicate-key check in Spark uses the target's equality, not
 * Spark's. SQL Server ignores trailing spaces when comparing strings under every collation, and case too
 * under the default {@code _CI_} collations: "ab" and "AB " are one key there. Columns without a known
 * collation (PostgreSQL, non-string keys) compare exactly. Accent-insensitive ({@code _AI_}) collations are
 * not folded: Spark has no portable accent folding, so such collisions surface as target errors instead.
 */
public final class KeyEquality {
  /** How one key column is compared. */
  public enum Form { EXACT, IGNORE_TRAILING_SPACES, IGNORE_CASE_AND_TRAILING_SPACES }

  private KeyEquality() {}

  /** The comparison for a source column of {@code sourceType} going into a target column with {@code collation} (null = none known). */
  public static Form decide(DataType sourceType, String collation) {
    if (collation == null || collation.isBlank() || !DataTypes.StringType.equals(sourceType)) {
      return Form.EXACT;
    }
    return collation.toUpperCase(Locale.ROOT).contains("_CI_") ? Form.IGNORE_CASE_AND_TRAILING_SPACES : Form.IGNORE_TRAILING_SPACES;
  }

  /** The Spark expression whose plain equality matches the target's equality for {@code form}. */
  public static Column expression(String quotedColumn, Form form) {
    Column c = col(quotedColumn);
    return switch (form) {
      case EXACT -> c;
      case IGNORE_TRAILING_SPACES -> rtrim(c);
      case IGNORE_CASE_AND_TRAILING_SPACES -> upper(rtrim(c));
    };
  }

  /** The collation of {@code column} in {@code collations} (keys compared case-insensitively; target spelling may differ). */
  public static String collationOf(Map<String, String> collations, String column) {
    for (Map.Entry<String, String> e : collations.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    return null;
  }
}
