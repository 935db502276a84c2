package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * PostgreSQL's binary COPY format read straight into Spark's internal rows, with the values Spark's JDBC
 * source gives for the same columns: the profile of that source had most of the executor's time in pgjdbc's
 * text parsing and in the conversion of {@code ResultSet} values to Catalyst's. A plan exists only when every
 * column's PostgreSQL type and the Spark type Spark's JDBC source chose for it have an exact decoding here;
 * otherwise the caller keeps Spark's JDBC source. Meaning kept from that source: {@code timestamp} is the wall
 * time in the JVM's zone (pgjdbc and Spark both read it so), {@code timestamptz} the instant, a numeric is
 * rounded half-up to the Spark type's scale and refused when it exceeds its precision.
 */
public final class PostgresBinaryRows implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  /** How one column's bytes become a Catalyst value. */
  enum Decoding { BOOL, INT2, INT2_AS_INT, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, JSONB, UUID, BYTEA, DATE, TIMESTAMP_WALL, TIMESTAMP_NTZ, TIMESTAMPTZ }

  private final String[] names;
  private final Decoding[] decodings;
  private final int[] precision;
  private final int[] scale;

  private PostgresBinaryRows(String[] names, Decoding[] decodings, int[] precision, int[] scale) {
    this.names = names;
    this.decodings = decodings;
    this.precision = precision;
    this.scale = scale;
  }

  /**
   * The decoding of rows whose columns have PostgreSQL types {@code pgTypes} (as pgjdbc names them) into
   * {@code schema} (Spark's JDBC schema of the same query); empty, with the first column that has none, otherwise.
   */
  public static Plan plan(StructType schema, List<String> pgTypes) {
    StructField[] fields = schema.fields();
    if (fields.length != pgTypes.size()) {
      return new Plan(Optional.empty(), "the query has " + pgTypes.size() + " columns, Spark's schema " + fields.length);
    }
    int n = fields.length;
    String[] names = new String[n];
    Decoding[] decodings = new Decoding[n];
    int[] precision = new int[n];
    int[] scale = new int[n];
    for (int i = 0; i < n; i++) {
      Optional<Decoding> d = decoding(pgTypes.get(i), fields[i].dataType());
      if (d.isEmpty()) {
        return new Plan(Optional.empty(), "column " + fields[i].name() + " (" + pgTypes.get(i) + " read as "
            + fields[i].dataType().simpleString() + ") has no binary decoding here");
      }
      names[i] = fields[i].name();
      decodings[i] = d.get();
      if (fields[i].dataType() instanceof DecimalType t) {
        precision[i] = t.precision();
        scale[i] = t.scale();
      }
    }
    return new Plan(Optional.of(new PostgresBinaryRows(names, decodings, precision, scale)), "every column has a binary decoding");
  }

  /** A decoding plan, or why there is none. */
  public record Plan(Optional<PostgresBinaryRows> rows, String reason) {}

  static Optional<Decoding> decoding(String pgType, DataType spark) {
    Decoding d = switch (pgType.toLowerCase(Locale.ROOT)) {
      case "bool" -> spark instanceof BooleanType ? Decoding.BOOL : null;
      case "int2", "smallserial" -> spark instanceof ShortType ? Decoding.INT2 : spark instanceof IntegerType ? Decoding.INT2_AS_INT : null;
      case "int4", "serial" -> spark instanceof IntegerType ? Decoding.INT4 : null;
      case "int8", "bigserial" -> spark instanceof LongType ? Decoding.INT8 : null;
      case "float4" -> spark instanceof FloatType ? Decoding.FLOAT4 : null;
      case "float8" -> spark instanceof DoubleType ? Decoding.FLOAT8 : null;
      case "numeric" -> spark instanceof DecimalType ? Decoding.NUMERIC : null;
      case "text", "varchar", "bpchar", "json" -> spark instanceof StringType ? Decoding.TEXT : null;
      case "jsonb" -> spark instanceof StringType ? Decoding.JSONB : null;
      case "uuid" -> spark instanceof StringType ? Decoding.UUID : null;
      case "bytea" -> spark instanceof BinaryType ? Decoding.BYTEA : null;
      case "date" -> spark instanceof DateType ? Decoding.DATE : null;
      case "timestamp" -> spark instanceof TimestampType ? Decoding.TIMESTAMP_WALL : spark instanceof TimestampNTZType ? Decoding.TIMESTAMP_NTZ : null;
      case "timestamptz" -> spark instanceof TimestampType ? Decoding.TIMESTAMPTZ : null;
      default -> null;
    };
    return Optional.ofNullable(d);
  }

  /** The COPY stream, one chunk at a time (pgjdbc hands each CopyData message as its own new array). */
  public interface Chunks {
    /** The next chunk, or null at the end of the stream. */
    byte[] next();
  }

  /** A reader of one COPY stream into {@code row}, reused for every tuple (Spark copies each row on). */
  public Reader reader(Chunks chunks) {
    return new Reader(chunks);
  }

  /** Reads one binary COPY stream tuple by tuple. */
  public final class Reader {
    private final Chunks chunks;
    private final ZoneRules zone = TimeZone.getDefault().toZoneId().getRules();
    private final ZoneId zoneId = TimeZone.getDefault().toZoneId();
    private byte[] buf = new byte[0];
    private int pos;
    private boolean started;
    private long tuples;

    private Reader(Chunks chunks) {
      this.chunks = chunks;
    }

    /** Tuples read so far. */
    public long tuples() {
      return tuples;
    }

    /** Reads the next tuple into {@code row}; false at the stream's trailer. */
    public boolean next(SpecificInternalRow row) {
      if (!started) {
        header();
        started = true;
      }
      int count = readShort();
      if (count == -1) {
        return false;
      }
      if (count != decodings.length) {
        throw malformed("a tuple has " + count + " fields, the query " + decodings.length);
      }
      for (int i = 0; i < count; i++) {
        int length = readInt();
        if (length == -1) {
          row.setNullAt(i);
        } else {
          ensure(length);
          decode(row, i, length);
          pos += length;
        }
      }
      tuples++;
      return true;
    }

    private void header() {
      ensure(SIGNATURE.length + 8);
      if (!Arrays.equals(buf, pos, pos + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
        throw malformed("the stream does not start with the binary COPY signature");
      }
      pos += SIGNATURE.length;
      readInt(); // flags: bit 16 (OIDs) is never set by COPY (query) TO
      int extension = readInt();
      ensure(extension);
      pos += extension;
    }

    private void decode(SpecificInternalRow row, int i, int length) {
      byte[] b = buf;
      int p = pos;
      switch (decodings[i]) {
        case BOOL -> row.setBoolean(i, b[p] != 0);
        case INT2 -> row.setShort(i, (short) short16(b, p));
        case INT2_AS_INT -> row.setInt(i, short16(b, p));
        case INT4 -> row.setInt(i, int32(b, p));
        case INT8 -> row.setLong(i, int64(b, p));
        case FLOAT4 -> row.setFloat(i, Float.intBitsToFloat(int32(b, p)));
        case FLOAT8 -> row.setDouble(i, Double.longBitsToDouble(int64(b, p)));
        case NUMERIC -> row.update(i, numeric(i, b, p));
        case TEXT -> row.update(i, UTF8String.fromBytes(b, p, length));
        case JSONB -> row.update(i, UTF8String.fromBytes(b, p + 1, length - 1)); // version byte 1, then the text
        case UUID -> row.update(i, UTF8String.fromString(new UUID(int64(b, p), int64(b, p + 8)).toString()));
        case BYTEA -> row.update(i, Arrays.copyOfRange(b, p, p + length));
        case DATE -> row.setInt(i, date(i, int32(b, p)));
        case TIMESTAMP_WALL -> row.setLong(i, wallToInstant(local(i, int64(b, p))));
        case TIMESTAMP_NTZ -> row.setLong(i, local(i, int64(b, p)));
        case TIMESTAMPTZ -> row.setLong(i, local(i, int64(b, p)));
        default -> throw new IllegalStateException(decodings[i].name());
      }
    }

    private int date(int i, int pgDays) {
      if (pgDays == Integer.MAX_VALUE || pgDays == Integer.MIN_VALUE) {
        throw unrepresentable(i, "an infinite date");
      }
      return pgDays + PostgresBinaryCopy.PG_EPOCH_DAYS;
    }

    /** Microseconds since 1970-01-01 of a PostgreSQL timestamp (microseconds since 2000-01-01). */
    private long local(int i, long pgMicros) {
      if (pgMicros == Long.MAX_VALUE || pgMicros == Long.MIN_VALUE) {
        throw unrepresentable(i, "an infinite timestamp");
      }
      return pgMicros + PostgresBinaryCopy.PG_EPOCH_MICROS;
    }

    /** The instant of a wall time in the JVM's zone, as pgjdbc's getTimestamp and Spark's conversion give it. */
    private long wallToInstant(long localMicros) {
      long seconds = Math.floorDiv(localMicros, 1_000_000L);
      long micros = Math.floorMod(localMicros, 1_000_000L);
      long instant = zone.isFixedOffset() ? seconds - zone.getOffset(java.time.Instant.EPOCH).getTotalSeconds()
          : LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).atZone(zoneId).toEpochSecond(); // a gap moves forward, as Calendar does
      return instant * 1_000_000L + micros;
    }

    /** A numeric's value at the Spark column's scale: digits are base 10000, the first at 10000^weight. */
    private Decimal numeric(int i, byte[] b, int p) {
      int ndigits = short16(b, p);
      int weight = short16(b, p + 2);
      int sign = short16(b, p + 4) & 0xFFFF;
      if (sign == 0xC000) {
        throw unrepresentable(i, "NaN");
      }
      if (sign == 0xD000 || sign == 0xF000) {
        throw unrepresentable(i, "an infinite numeric");
      }
      int s = scale[i];
      long unscaled = 0;
      boolean exact = true;
      for (int k = 0; k < ndigits; k++) {
        int d = short16(b, p + 8 + 2 * k);
        if (!exact || d == 0) {
          continue;
        }
        int e = 4 * (weight - k) + s; // the power of ten this digit counts at the column's scale
        if (e >= 0 && e <= 14) {
          long term = d * POW10[e];
          unscaled += term;
          exact = unscaled < POW10[18];
        } else if (e < 0 && e > -4 && d % POW10[-e] == 0) {
          unscaled += d / POW10[-e];
        } else {
          exact = false; // rounding needed or too large for the fast path
        }
      }
      if (exact && unscaled < POW10[Math.min(precision[i], 18)]) {
        return Decimal.apply(sign == 0x4000 ? -unscaled : unscaled, precision[i], s);
      }
      BigInteger all = BigInteger.ZERO;
      BigInteger base = BigInteger.valueOf(10_000);
      for (int k = 0; k < ndigits; k++) {
        all = all.multiply(base).add(BigInteger.valueOf(short16(b, p + 8 + 2 * k)));
      }
      BigDecimal value = new BigDecimal(sign == 0x4000 ? all.negate() : all, 4 * (ndigits - 1 - weight));
      try {
        return Decimal.apply(value, precision[i], s);
      } catch (ArithmeticException e) { // Spark's own check, as its JDBC source applies it
        throw unrepresentable(i, "a value beyond its precision");
      }
    }

    private int readShort() {
      ensure(2);
      int v = short16(buf, pos);
      pos += 2;
      return v;
    }

    private int readInt() {
      ensure(4);
      int v = int32(buf, pos);
      pos += 4;
      return v;
    }

    /** Makes {@code n} bytes available from {@code pos}; chunk boundaries fall between tuples, so joining is rare. */
    private void ensure(int n) {
      if (buf.length - pos >= n) {
        return;
      }
      byte[] rest = pos == buf.length ? null : Arrays.copyOfRange(buf, pos, buf.length);
      while (rest == null || rest.length < n) {
        byte[] c = chunks.next();
        if (c == null) {
          throw malformed("the stream ended inside a tuple");
        }
        if (rest == null) {
          rest = c;
        } else {
          byte[] joined = Arrays.copyOf(rest, rest.length + c.length);
          System.arraycopy(c, 0, joined, rest.length, c.length);
          rest = joined;
        }
      }
      buf = rest;
      pos = 0;
    }

    private BridgeException unrepresentable(int i, String what) {
      return new BridgeException(ErrorClass.VALIDATION, "column " + names[i] + " holds " + what + ", which Spark's "
          + (decodings[i] == Decoding.NUMERIC ? "decimal(" + precision[i] + "," + scale[i] + ")" : "type") + " cannot hold"
          + " (row " + (tuples + 1) + " of the partition); cast or filter it in the query");
    }
  }

  private static BridgeException malformed(String what) {
    return new BridgeException(ErrorClass.INTERNAL, "binary COPY stream from PostgreSQL is malformed: " + what);
  }

  private static int short16(byte[] b, int p) {
    return (short) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
  }

  private static int int32(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }

  private static long int64(byte[] b, int p) {
    return ((long) int32(b, p) << 32) | (int32(b, p + 4) & 0xFFFFFFFFL);
  }
}
