package com.kwp.bridge.sync;

import com.kwp.bridge.error.ValidationException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of an event the bridge acts on; every other key of {@code options} is the producer's own
 * metadata and is kept as written. A key that differs from a known one only by case, '-' or '_'
 * ({@code dryRun}, {@code dry-run}) is refused: a mistyped {@code dry_run} must never apply for real.
 *
 * @param dryRun            {@code dry_run = true}: every check and statement, then a rollback; status {@code previewed}
 * @param ignoreExtraColumns {@code on_extra_columns = ignore}: source columns the target lacks are left out on purpose
 * @param allowEmptyReplace {@code allow_empty_replace = true}: a REPLACE from an empty source may empty the target
 */
public record EventOptions(boolean dryRun, boolean ignoreExtraColumns, boolean allowEmptyReplace) implements Serializable {
  public static final String DRY_RUN = "dry_run";
  public static final String ON_EXTRA_COLUMNS = "on_extra_columns";
  public static final String ALLOW_EMPTY = "allow_empty_replace";
  private static final List<String> KNOWN = List.of(DRY_RUN, ON_EXTRA_COLUMNS, ALLOW_EMPTY);

  public static final EventOptions NONE = new EventOptions(false, false, false);

  /** Parses the known keys of {@code options}; a bad value or a near-miss key fails, naming the event, key and values allowed. */
  public static EventOptions parse(String eventId, Map<String, String> options) {
    for (String key : options.keySet()) {
      for (String known : KNOWN) {
        ValidationException.check(key.equals(known) || !squash(key).equals(squash(known)),
            "event %s: option '%s' is not recognised; did you mean '%s'?", eventId, key, known);
      }
    }
    String extra = options.getOrDefault(ON_EXTRA_COLUMNS, "fail").trim().toLowerCase(Locale.ROOT);
    ValidationException.check(extra.equals("fail") || extra.equals("ignore"),
        "event %s: option %s must be fail or ignore, got '%s'", eventId, ON_EXTRA_COLUMNS, options.get(ON_EXTRA_COLUMNS));
    return new EventOptions(flag(eventId, options, DRY_RUN), extra.equals("ignore"), flag(eventId, options, ALLOW_EMPTY));
  }

  private static boolean flag(String eventId, Map<String, String> options, String key) {
    String v = options.getOrDefault(key, "false").trim().toLowerCase(Locale.ROOT);
    ValidationException.check(v.equals("true") || v.equals("false"), "event %s: option %s must be true or false, got '%s'",
        eventId, key, options.get(key));
    return v.equals("true");
  }

  private static String squash(String key) {
    return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }
}
