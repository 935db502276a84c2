package com.kwp.bridge.extract;

import com.kwp.bridge.config.Lookback;
import com.kwp.bridge.error.ConfigException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/** Pure helpers for incremental watermarks: normalizing values, comparing them and applying a lookback. */
public final class Watermarks {
  private Watermarks() {}

  /** A value read back from Parquet/Delta as the planner's types (LocalDate, LocalDateTime, Long, BigDecimal, String). */
  public static Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof byte[] b) {
      return new BinaryWatermark(b);
    }
    if (v instanceof Double || v instanceof Float) {
      return new BigDecimal(v.toString());
    }
    return v instanceof BigDecimal || v instanceof LocalDate || v instanceof LocalDateTime || v instanceof BinaryWatermark ? v : v.toString();
  }

  /** The value as {@link com.kwp.bridge.dialect.SqlDialect#literal} takes it (binary watermarks as their bytes). */
  public static Object sqlValue(Object v) {
    return v instanceof BinaryWatermark b ? b.bytes() : v;
  }

  /** True when {@code from} is at or past {@code to}: nothing new to read. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static boolean caughtUp(Object from, Object to) {
    if (from == null) {
      return false;
    }
    if (from instanceof Number a && to instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) >= 0;
    }
    return ((Comparable) from).compareTo(to) >= 0;
  }

  /** {@code from} moved back by the lookback; a lookback of the wrong kind for the column fails naming the key. */
  public static Object minusLookback(String keyPath, Object from, Optional<Lookback> lookback) {
    if (from == null || lookback.isEmpty()) {
      return from;
    }
    Lookback lb = lookback.get();
    if (from instanceof Long l && lb.amount().isPresent()) {
      return l - lb.amount().get().longValueExact();
    }
    if (from instanceof BigDecimal d && lb.amount().isPresent()) {
      return d.subtract(lb.amount().get());
    }
    if (from instanceof BinaryWatermark b && lb.amount().isPresent()) {
      return b.minus(lb.amount().get().toBigIntegerExact());
    }
    if (from instanceof LocalDate d && lb.duration().isPresent()) {
      return d.minusDays(Math.max(1, lb.duration().get().toDays()));
    }
    if (from instanceof LocalDateTime t && lb.duration().isPresent()) {
      return t.minus(lb.duration().get());
    }
    throw new ConfigException(keyPath + " = " + lb + " does not fit a watermark like " + from
        + ": use a number for numeric columns and a duration (\"2 days\") for dates and timestamps.");
  }
}
