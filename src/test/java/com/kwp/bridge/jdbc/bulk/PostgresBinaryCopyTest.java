package com.kwp.bridge.jdbc.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ValidationException;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** PostgreSQL's binary COPY encoding, byte for byte, with no server (the round trip is in SyncPostgresIT and BulkPathsPostgresIT). */
class PostgresBinaryCopyTest {
  static String hex(CopyBuffer b) {
    return HexFormat.of().formatHex(b.toByteArray());
  }

  static String numeric(long unscaled, int scale) {
    CopyBuffer b = new CopyBuffer(16);
    PostgresBinaryCopy.writeNumeric(unscaled, scale, b);
    return hex(b);
  }

  static String numeric(String value) {
    CopyBuffer b = new CopyBuffer(16);
    PostgresBinaryCopy.writeNumeric(new BigDecimal(value), b);
    return hex(b);
  }

  @Test
  void numericsAreBase10000DigitsAlignedOnTheDecimalPointWithoutLeadingOrTrailingZeroDigits() {
    // 12345.67: length 14, 3 digits, weight 1, sign +, dscale 2, digits 1 | 2345 | 6700
    assertEquals("0000000e" + "0003" + "0001" + "0000" + "0002" + "0001" + "0929" + "1a2c", numeric(1234567, 2));
    assertEquals("0000000a" + "0001" + "ffff" + "0000" + "0004" + "0001", numeric(1, 4), "0.0001: one digit of weight -1");
    assertEquals("0000000a" + "0001" + "0001" + "0000" + "0000" + "0001", numeric(10000, 0), "10000: trailing zero digit left out");
    assertEquals("0000000a" + "0001" + "0000" + "4000" + "0002" + "0005", numeric(-500, 2), "-5.00, dscale kept");
    assertEquals("00000008" + "0000" + "0000" + "0000" + "0003", numeric(0, 3), "zero: no digits, positive, dscale 3");
    assertEquals(numeric(1234567, 2), numeric("12345.67"), "the long and BigDecimal paths agree");
    assertEquals(numeric(-99_999_0001L, 4), numeric("-99999.0001"));
    // past the long path's range: 20 significant digits
    assertEquals("00000012" + "0005" + "0002" + "0000" + "0008" + "04d2" + "162e" + "2334" + "0d80" + "0d80",
        numeric("123456789012.34563456"), "1234 | 5678 | 9012 . 3456 | 3456");
    assertEquals(numeric("1000"), numeric("1E+3"), "a negative scale is written as an integer");
  }

  static BulkColumn column(String name, String pgType, int scale, int source) {
    return new BulkColumn(name, Types.OTHER, pgType, 0, scale, source);
  }

  @Test
  void aPlanExistsOnlyWhenEveryColumnHasAnExactBinaryForm() {
    StructType schema = new StructType().add("i", DataTypes.IntegerType).add("s", DataTypes.StringType).add("d", DataTypes.createDecimalType(12, 2));
    assertTrue(PostgresBinaryCopy.plan(schema, List.of(column("i", "int8", 0, 0), column("s", "varchar", 0, 1),
        column("d", "numeric", 2, 2), column("bridge_partition", "int4", 0, BulkColumn.PARTITION_ID))).isPresent());
    assertEquals(Optional.empty(), PostgresBinaryCopy.plan(schema, List.of(column("s", "uuid", 0, 1))), "no binary form here: CSV");
    assertEquals(Optional.empty(), PostgresBinaryCopy.plan(schema, List.of(column("s", "int4", 0, 1))), "text into int: the server converts");
    assertEquals(Optional.empty(), PostgresBinaryCopy.plan(schema, List.of(column("d", "float8", 0, 2))), "decimal into float: the server rounds");
    assertEquals(Optional.of(PostgresBinaryCopy.Encoding.INT4), PostgresBinaryCopy.encoding("serial", DataTypes.LongType));
    assertEquals(Optional.of(PostgresBinaryCopy.Encoding.TIMESTAMP_NTZ), PostgresBinaryCopy.encoding("timestamp", DataTypes.TimestampNTZType));
    assertEquals(Optional.empty(), PostgresBinaryCopy.encoding("timestamptz", DataTypes.TimestampNTZType), "no zone to take the instant from");
  }

  @Test
  void aRowIsItsFieldCountThenLengthPrefixedFieldsWithMinusOneForNull() {
    StructType schema = new StructType().add("i", DataTypes.LongType).add("s", DataTypes.StringType).add("b", DataTypes.BooleanType)
        .add("day", DataTypes.DateType).add("at", DataTypes.TimestampType).add("raw", DataTypes.BinaryType).add("f", DataTypes.DoubleType);
    PostgresBinaryCopy plan = PostgresBinaryCopy.plan(schema, List.of(column("i", "int4", 0, 0), column("s", "text", 0, 1),
        column("b", "bool", 0, 2), column("day", "date", 0, 3), column("at", "timestamptz", 6, 4), column("raw", "bytea", 0, 5),
        column("f", "float4", 0, 6), column("bridge_partition", "int4", 0, BulkColumn.PARTITION_ID))).orElseThrow();
    DataType[] types = java.util.Arrays.stream(schema.fields()).map(f -> f.dataType()).toArray(DataType[]::new);
    // 2000-01-02 is day 10958 since 1970 (PostgreSQL's day 1); 2000-01-01T00:00:01Z is PostgreSQL's second 1
    InternalRow row = new GenericInternalRow(new Object[] {7L, UTF8String.fromString("é\""), true, 10_958,
        946_684_801_000_000L, new byte[] {0, (byte) 0xff}, 0.5d});
    CopyBuffer out = new CopyBuffer(8);
    plan.writeRow(row, types, 3, out);
    assertEquals("0008" + "00000004" + "00000007" + "00000003" + "c3a922" + "00000001" + "01" + "00000004" + "00000001"
        + "00000008" + "00000000000f4240" + "00000002" + "00ff" + "00000004" + "3f000000" + "00000004" + "00000003", hex(out));

    CopyBuffer nulls = new CopyBuffer(8);
    plan.writeRow(new GenericInternalRow(new Object[7]), types, 0, nulls);
    assertEquals("0008" + "ffffffff".repeat(7) + "00000004" + "00000000", hex(nulls));
  }

  @Test
  void anIntegerOutOfTheColumnsRangeIsRefusedWithTheColumnAndValue() {
    StructType schema = new StructType().add("n", DataTypes.LongType);
    PostgresBinaryCopy plan = PostgresBinaryCopy.plan(schema, List.of(column("n", "int2", 0, 0))).orElseThrow();
    ValidationException e = assertThrows(ValidationException.class,
        () -> plan.writeRow(new GenericInternalRow(new Object[] {40_000L}), new DataType[] {DataTypes.LongType}, 0, new CopyBuffer(8)));
    assertTrue(e.getMessage().contains("column n") && e.getMessage().contains("40000"), e.getMessage());
  }

  @Test
  void decimalsBeyondEighteenDigitsTakeTheBigDecimalPath() {
    StructType schema = new StructType().add("d", DataTypes.createDecimalType(30, 4));
    PostgresBinaryCopy plan = PostgresBinaryCopy.plan(schema, List.of(column("d", "numeric", 4, 0))).orElseThrow();
    CopyBuffer out = new CopyBuffer(8);
    plan.writeRow(new GenericInternalRow(new Object[] {Decimal.apply(new BigDecimal("12345678901234567890.1234"))}),
        new DataType[] {schema.fields()[0].dataType()}, 0, out);
    assertEquals("0001" + numeric("12345678901234567890.1234"), hex(out));
  }
}
