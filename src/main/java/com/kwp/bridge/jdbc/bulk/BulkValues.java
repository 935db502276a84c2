package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.error.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Converts Spark row values to the exact Java classes mssql-jdbc's bulk copy casts to for each declared
 * destination type (a wrong class fails with "error converting value"). Pure, so it is unit-tested.
 */
public final class BulkValues {
  /** microsoft.sql.Types.DATETIMEOFFSET (kept as a constant so this class loads without the driver). */
  static final int DATETIMEOFFSET = -155;

  private BulkValues() {}

  /** The value for {@code column}; {@code null} stays {@code null} (written as NULL: keepNulls is on). */
  public static Object convert(Object v, BulkColumn column) {
    if (v == null) {
      return null;
    }
    return switch (column.jdbcType()) {
      case Types.INTEGER -> Math.toIntExact(number(v, column).longValue());
      case Types.BIGINT -> number(v, column).longValue();
      case Types.SMALLINT -> (short) Math.toIntExact(number(v, column).longValue());
      case Types.TINYINT -> tinyint(v, column);
      case Types.BIT, Types.BOOLEAN -> (Boolean) v;
      case Types.REAL -> number(v, column).floatValue();
      case Types.FLOAT, Types.DOUBLE -> number(v, column).doubleValue();
      case Types.DECIMAL, Types.NUMERIC -> decimal(v, column);
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> v.toString();
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> (byte[]) v;
      case Types.TIMESTAMP, Types.TIME -> truncate(timestamp(v), column.scale());
      case Types.DATE -> date(v);
      case Types.TIMESTAMP_WITH_TIMEZONE -> timestamp(v).toInstant().atOffset(ZoneOffset.UTC);
      case DATETIMEOFFSET -> microsoft.sql.DateTimeOffset.valueOf(truncate(timestamp(v), column.scale()), 0);
      default -> v;
    };
  }

  /** The type to declare to bulk copy: FLOAT would make the driver cast to float, so declare DOUBLE. */
  public static int declaredType(int jdbcType) {
    return jdbcType == Types.FLOAT ? Types.DOUBLE : jdbcType;
  }

  private static Number number(Object v, BulkColumn c) {
    if (v instanceof Number n) {
      return n;
    }
    throw new ValidationException("column " + c.name() + " (" + c.typeName() + ") cannot take a " + v.getClass().getSimpleName() + " value");
  }

  /** The driver writes tinyint as (value & 0xFF): a negative Spark byte would land as 129..255, so refuse it. */
  private static Short tinyint(Object v, BulkColumn c) {
    long n = number(v, c).longValue();
    if (n < 0 || n > 255) {
      throw new ValidationException("column " + c.name() + " is tinyint (0..255) but the source has " + n);
    }
    return (short) n;
  }

  private static BigDecimal decimal(Object v, BulkColumn c) {
    BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(number(v, c).toString());
    return d.setScale(c.scale(), RoundingMode.HALF_UP);
  }

  static Timestamp timestamp(Object v) {
    if (v instanceof Timestamp t) {
      return t;
    }
    if (v instanceof Instant i) {
      return Timestamp.from(i);
    }
    if (v instanceof LocalDateTime l) {
      return Timestamp.valueOf(l);
    }
    if (v instanceof Date d) {
      return new Timestamp(d.getTime());
    }
    throw new ValidationException("a " + v.getClass().getSimpleName() + " value cannot go into a timestamp column");
  }

  private static Date date(Object v) {
    if (v instanceof Date d) {
      return d;
    }
    if (v instanceof LocalDate l) {
      return Date.valueOf(l);
    }
    return Date.valueOf(timestamp(v).toLocalDateTime().toLocalDate());
  }

  /** Keeps {@code scale} fractional digits (datetime2(n)); scale 3 for datetime. */
  static Timestamp truncate(Timestamp t, int scale) {
    if (scale >= 9 || scale < 0) {
      return t;
    }
    long unit = (long) Math.pow(10, 9 - scale);
    Timestamp copy = new Timestamp(t.getTime());
    copy.setNanos((int) (t.getNanos() / unit * unit));
    return copy;
  }
}
