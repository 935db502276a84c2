package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * The one rule for comparing event ids. A uuid ({@code 8-4-4-4-12} hex digits) is the same id whatever the case of
 * its letters ({@code 530DB2CB-...} from SQL Server's NEWID() is {@code 530db2cb-...}), so it is kept lower case,
 * as java.util.UUID writes it: when an event is built (submitted, or read by SyncJob's stream) and when an id is
 * looked up. Any other id is compared exactly, as SQL Server's binary collation on the ledger and claims does.
 */
public final class EventId {
  private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern UUID_PATTERN = Pattern.compile(UUID);

  private EventId() {}

  /** True when {@code id} has the shape of a uuid. */
  public static boolean isUuid(String id) {
    return id != null && UUID_PATTERN.matcher(id).matches();
  }

  /** The id in its one spelling: a uuid in lower case, anything else (null included) as it is. */
  public static String canonical(String id) {
    return isUuid(id) ? id.toLowerCase(Locale.ROOT) : id;
  }

  /** {@link #canonical(String)} as a Spark expression, for matching stored rows (written by anyone) by id. */
  public static Column canonicalColumn(Column id) {
    return when(id.rlike("^" + UUID + "$"), lower(id)).otherwise(id);
  }

  /** {@link #canonical(String)} as Spark SQL text over {@code column}, for statements sent to a SQL warehouse. */
  public static String sql(String column) {
    return "CASE WHEN " + column + " RLIKE '^" + UUID + "$' THEN lower(" + column + ") ELSE " + column + " END";
  }

  /**
   * The spellings {@code id} may be stored under in the ledger and the claimed ids: its own and, for a uuid, upper
   * case, which rows appended before ids were canonicalised kept (NEWID(), .NET); so such an event is still known.
   */
  public static List<String> storedSpellings(String id) {
    String c = canonical(id);
    return isUuid(c) ? List.of(c, c.toUpperCase(Locale.ROOT)) : List.of(c);
  }
}
