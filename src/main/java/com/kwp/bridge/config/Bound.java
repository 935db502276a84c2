package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * A configured partition bound: a number, a date ({@code 2024-01-01}) or a timestamp
 * ({@code 2024-01-01T08:00:00} or with a space). Kept typed so bounds can be compared and rendered by a dialect.
 */
public record Bound(Object value) {

  /** Parses {@code text} from key {@code path}; anything else fails naming the key. */
  public static Bound parse(String path, String text) {
    String t = text.trim();
    try {
      return new Bound(new BigDecimal(t));
    } catch (NumberFormatException ignored) {
      // not a number; try the temporal forms
    }
    try {
      return new Bound(LocalDate.parse(t));
    } catch (DateTimeParseException ignored) {
      // not a date
    }
    try {
      return new Bound(LocalDateTime.parse(t.replace(' ', 'T')));
    } catch (DateTimeParseException e) {
      throw new ConfigException(path + " = '" + text + "' is not a number, a date (2024-01-01) or a timestamp (2024-01-01T08:00:00).");
    }
  }

  /** Compares two bounds of the same kind; bounds of different kinds fail naming both keys. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(String lowerPath, Bound lower, String upperPath, Bound upper) {
    ConfigException.check(lower.value.getClass() == upper.value.getClass(),
        "%s (%s) and %s (%s) must both be numbers, dates or timestamps.", lowerPath, lower.value, upperPath, upper.value);
    return ((Comparable) lower.value).compareTo(upper.value);
  }
}
