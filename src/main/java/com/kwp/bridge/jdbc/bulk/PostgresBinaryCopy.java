package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.error.ValidationException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * PostgreSQL's binary COPY format written straight from Spark's internal rows: no conversion to external
 * {@code Row}s, no text rendering on our side and no text parsing on the server's (the profile of the CSV path
 * had both sides spending most of their time there). A plan exists only when every staging column's type and
 * its source's Spark type have an exact binary form here; otherwise the caller keeps the CSV path, where the
 * server's own input functions convert. Values keep the CSV path's meaning: a {@code timestamp} column takes
 * the wall time in the JVM's zone (as Spark's JDBC writer sends it), {@code timestamptz} takes the instant,
 * and numeric typmods and character lengths are applied by the server exactly as for text input.
 */
public final class PostgresBinaryCopy implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Signature, flags and header extension length of the binary COPY format. */
  static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  /** PostgreSQL's epoch (2000-01-01) in Spark's units: days and microseconds since 1970-01-01. */
  static final int PG_EPOCH_DAYS = 10_957;
  static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400L * 1_000_000L;

  private final List<Field> fields;

  private PostgresBinaryCopy(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  /** How one staging column is written: its position in the source row and its encoding. */
  record Field(String column, int sourceIndex, Encoding encoding, int scale) implements Serializable {}

  enum Encoding { PARTITION, INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, BOOL, BYTEA, DATE, TIMESTAMP_WALL, TIMESTAMP_NTZ, TIMESTAMPTZ }

  /** The binary plan for these staging {@code columns} fed from rows of {@code source}; empty when a column has no binary form here. */
  public static Optional<PostgresBinaryCopy> plan(StructType source, List<BulkColumn> columns) {
    List<Field> fields = new ArrayList<>();
    for (BulkColumn c : columns) {
      if (c.sourceIndex() == BulkColumn.PARTITION_ID) {
        fields.add(new Field(c.name(), -1, Encoding.PARTITION, 0));
        continue;
      }
      Optional<Encoding> e = encoding(c.typeName(), source.fields()[c.sourceIndex()].dataType());
      if (e.isEmpty()) {
        return Optional.empty();
      }
      fields.add(new Field(c.name(), c.sourceIndex(), e.get(), c.scale()));
    }
    return Optional.of(new PostgresBinaryCopy(fields));
  }

  /** The encoding of a Spark value of {@code spark} type into a column of PostgreSQL type {@code pgType}, if exact. */
  static Optional<Encoding> encoding(String pgType, DataType spark) {
    boolean integral = spark instanceof ByteType || spark instanceof ShortType || spark instanceof IntegerType || spark instanceof LongType;
    boolean numeric = integral || spark instanceof FloatType || spark instanceof DoubleType || spark instanceof DecimalType;
    Encoding e = switch (pgType.toLowerCase(Locale.ROOT)) {
      case "int2", "smallserial" -> integral ? Encoding.INT2 : null;
      case "int4", "serial" -> integral ? Encoding.INT4 : null;
      case "int8", "bigserial" -> integral ? Encoding.INT8 : null;
      case "float4" -> numeric && !(spark instanceof DecimalType) ? Encoding.FLOAT4 : null;
      case "float8" -> numeric && !(spark instanceof DecimalType) ? Encoding.FLOAT8 : null;
      case "numeric" -> integral || spark instanceof DecimalType ? Encoding.NUMERIC : null;
      case "text", "varchar", "bpchar" -> spark instanceof StringType ? Encoding.TEXT : null;
      case "bool" -> spark instanceof BooleanType ? Encoding.BOOL : null;
      case "bytea" -> spark instanceof BinaryType ? Encoding.BYTEA : null;
      case "date" -> spark instanceof DateType ? Encoding.DATE : null;
      case "timestamp" -> spark instanceof TimestampType ? Encoding.TIMESTAMP_WALL : spark instanceof TimestampNTZType ? Encoding.TIMESTAMP_NTZ : null;
      case "timestamptz" -> spark instanceof TimestampType ? Encoding.TIMESTAMPTZ : null;
      default -> null;
    };
    return Optional.ofNullable(e);
  }

  List<Field> fields() {
    return fields;
  }

  /** Appends one row as a binary COPY tuple. */
  void writeRow(InternalRow row, DataType[] types, int partition, CopyBuffer out) {
    out.putShort(fields.size());
    for (Field f : fields) {
      if (f.encoding() == Encoding.PARTITION) {
        out.putInt(4);
        out.putInt(partition);
        continue;
      }
      int i = f.sourceIndex();
      if (row.isNullAt(i)) {
        out.putInt(-1);
        continue;
      }
      writeValue(f, row, i, types[i], out);
    }
  }

  private static void writeValue(Field f, InternalRow row, int i, DataType type, CopyBuffer out) {
    switch (f.encoding()) {
      case INT2 -> {
        out.putInt(2);
        out.putShort(checked(integral(row, i, type), Short.MIN_VALUE, Short.MAX_VALUE, f));
      }
      case INT4 -> {
        out.putInt(4);
        out.putInt(checked(integral(row, i, type), Integer.MIN_VALUE, Integer.MAX_VALUE, f));
      }
      case INT8 -> {
        out.putInt(8);
        out.putLong(integral(row, i, type));
      }
      case FLOAT4 -> {
        out.putInt(4);
        out.putInt(Float.floatToRawIntBits((float) floating(row, i, type)));
      }
      case FLOAT8 -> {
        out.putInt(8);
        out.putLong(Double.doubleToRawLongBits(floating(row, i, type)));
      }
      case NUMERIC -> {
        if (type instanceof DecimalType d) {
          org.apache.spark.sql.types.Decimal v = row.getDecimal(i, d.precision(), d.scale());
          if (v.precision() <= 18) {
            writeNumeric(v.toUnscaledLong(), v.scale(), out);
          } else {
            writeNumeric(v.toJavaBigDecimal(), out);
          }
        } else {
          writeNumeric(integral(row, i, type), 0, out);
        }
      }
      case TEXT -> {
        org.apache.spark.unsafe.types.UTF8String s = row.getUTF8String(i);
        out.putInt(s.numBytes());
        out.putUtf8(s);
      }
      case BOOL -> {
        out.putInt(1);
        out.putByte(row.getBoolean(i) ? 1 : 0);
      }
      case BYTEA -> {
        byte[] b = row.getBinary(i);
        out.putInt(b.length);
        out.putBytes(b, 0, b.length);
      }
      case DATE -> {
        out.putInt(4);
        out.putInt(row.getInt(i) - PG_EPOCH_DAYS);
      }
      case TIMESTAMP_WALL -> {
        // the same wall time the CSV path and Spark's JDBC writer send: java.sql.Timestamp in the JVM's zone
        LocalDateTime wall = DateTimeUtils.toJavaTimestamp(row.getLong(i)).toLocalDateTime();
        out.putInt(8);
        out.putLong(wall.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + wall.getNano() / 1_000 - PG_EPOCH_MICROS);
      }
      case TIMESTAMP_NTZ, TIMESTAMPTZ -> {
        out.putInt(8);
        out.putLong(row.getLong(i) - PG_EPOCH_MICROS);
      }
      case PARTITION -> throw new IllegalStateException("the partition column has no source value");
    }
  }

  private static long integral(InternalRow row, int i, DataType type) {
    if (type instanceof LongType) {
      return row.getLong(i);
    }
    if (type instanceof IntegerType) {
      return row.getInt(i);
    }
    if (type instanceof ShortType) {
      return row.getShort(i);
    }
    return row.getByte(i);
  }

  private static double floating(InternalRow row, int i, DataType type) {
    if (type instanceof DoubleType) {
      return row.getDouble(i);
    }
    if (type instanceof FloatType) {
      return row.getFloat(i);
    }
    return integral(row, i, type);
  }

  private static int checked(long v, long min, long max, Field f) {
    if (v < min || v > max) {
      throw new ValidationException("column " + f.column() + " cannot hold the source value " + v + " (out of its range " + min + ".." + max + ")");
    }
    return (int) v;
  }

  private static final int NUMERIC_POS = 0x0000;
  private static final int NUMERIC_NEG = 0x4000;
  private static final long[] POW10 = {1, 10, 100, 1000};

  /**
   * {@code unscaled * 10^-scale} as PostgreSQL's binary numeric: digit count, weight (of the first base-10000
   * digit), sign, display scale, then the base-10000 digits, grouped from the decimal point outwards, with
   * leading and trailing zero digits left out (as numeric_send writes them).
   */
  static void writeNumeric(long unscaled, int scale, CopyBuffer out) {
    if (scale < 0 || unscaled == Long.MIN_VALUE || Math.abs(unscaled) >= 1_000_000_000_000_000L / 1000) {
      writeNumeric(BigDecimal.valueOf(unscaled, scale), out);
      return;
    }
    int sign = unscaled < 0 ? NUMERIC_NEG : NUMERIC_POS;
    long u = Math.abs(unscaled);
    int pad = (4 - scale % 4) % 4; // align the fraction to whole base-10000 digits (|u| < 10^15, so u * 10^3 fits)
    u *= POW10[pad];
    int fractionDigits = (scale + pad) / 4;
    short[] digits = new short[6];
    int n = 0;
    while (u != 0) {
      digits[n++] = (short) (u % 10_000);
      u /= 10_000;
    }
    writeDigits(digits, n, fractionDigits, sign, scale, out);
  }

  static void writeNumeric(BigDecimal value, CopyBuffer out) {
    BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
    int scale = v.scale();
    int sign = v.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS;
    int pad = (4 - scale % 4) % 4;
    BigInteger u = v.unscaledValue().abs().multiply(BigInteger.TEN.pow(pad));
    int fractionDigits = (scale + pad) / 4;
    List<Short> groups = new ArrayList<>();
    BigInteger base = BigInteger.valueOf(10_000);
    while (u.signum() != 0) {
      BigInteger[] qr = u.divideAndRemainder(base);
      groups.add(qr[1].shortValue());
      u = qr[0];
    }
    short[] digits = new short[groups.size()];
    for (int i = 0; i < digits.length; i++) {
      digits[i] = groups.get(i);
    }
    writeDigits(digits, digits.length, fractionDigits, sign, scale, out);
  }

  /** {@code digits[0..n)} least significant first; {@code fractionDigits} of them lie after the decimal point. */
  private static void writeDigits(short[] digits, int n, int fractionDigits, int sign, int scale, CopyBuffer out) {
    int low = 0;
    while (low < n && digits[low] == 0) {
      low++;
    }
    int high = n;
    while (high > low && digits[high - 1] == 0) {
      high--;
    }
    int count = high - low;
    int weight = count == 0 ? 0 : high - 1 - fractionDigits;
    out.putInt(8 + 2 * count);
    out.putShort(count);
    out.putShort(weight);
    out.putShort(count == 0 ? NUMERIC_POS : sign);
    out.putShort(scale);
    for (int i = high - 1; i >= low; i--) {
      out.putShort(digits[i]);
    }
  }
}
