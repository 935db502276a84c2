package com.kwp.bridge.jdbc.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.BridgeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The decoder over hand-built streams (the IT compares it with Spark's JDBC source on a real server). */
class PostgresBinaryRowsTest {
  private static final StructType SCHEMA = new StructType().add("id", DataTypes.IntegerType).add("m", DataTypes.createDecimalType(10, 2))
      .add("r", DataTypes.createDecimalType(5, 0)).add("t", DataTypes.StringType).add("f", DataTypes.DateType);
  private static final List<String> TYPES = List.of("int4", "numeric", "numeric", "text", "date");

  /** numeric as PostgreSQL sends it: base-10000 digits, the first at 10000^weight. */
  private static void numeric(CopyBuffer b, int weight, boolean negative, int dscale, int... digits) {
    b.putInt(8 + 2 * digits.length);
    b.putShort(digits.length);
    b.putShort(weight);
    b.putShort(negative ? 0x4000 : 0);
    b.putShort(dscale);
    for (int d : digits) {
      b.putShort(d);
    }
  }

  private static byte[] stream() {
    CopyBuffer b = new CopyBuffer(256);
    byte[] header = PostgresBinaryCopy.HEADER;
    b.putBytes(header, 0, header.length);
    b.putShort(5);
    b.putInt(4);
    b.putInt(7);
    numeric(b, 1, false, 2, 12, 3456, 7800); // 123456.78: exact at scale 2
    numeric(b, 0, true, 1, 7, 5000); // -7.5 rounds half-up (away from zero) to -8 at scale 0
    byte[] text = "año ñ".getBytes(StandardCharsets.UTF_8);
    b.putInt(text.length);
    b.putBytes(text, 0, text.length);
    b.putInt(4);
    b.putInt(-1); // 1999-12-31
    b.putShort(5);
    b.putInt(4);
    b.putInt(8);
    numeric(b, 0, false, 3, 12, 3450); // 12.345 -> 12.35: rounding takes the exact path
    b.putInt(-1);
    b.putInt(-1);
    b.putInt(-1);
    b.putShort(-1);
    return b.toByteArray();
  }

  private static List<List<Object>> decode(byte[] all, int chunk) {
    List<byte[]> chunks = new ArrayList<>();
    for (int i = 0; i < all.length; i += chunk) {
      chunks.add(Arrays.copyOfRange(all, i, Math.min(all.length, i + chunk)));
    }
    Iterator<byte[]> it = chunks.iterator();
    PostgresBinaryRows.Reader reader = PostgresBinaryRows.plan(SCHEMA, TYPES).rows().orElseThrow().reader(() -> it.hasNext() ? it.next() : null);
    SpecificInternalRow row = new SpecificInternalRow(SCHEMA);
    List<List<Object>> out = new ArrayList<>();
    while (reader.next(row)) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < SCHEMA.size(); i++) {
        values.add(row.isNullAt(i) ? null : String.valueOf(row.get(i, SCHEMA.fields()[i].dataType())));
      }
      out.add(values);
    }
    assertEquals(2, reader.tuples());
    return out;
  }

  @Test
  void decodesValuesAtTheSparkScaleWhereverTheChunksAreCut() {
    List<List<Object>> expected = List.of(Arrays.asList("7", "123456.78", "-8", "año ñ", "10956"), Arrays.asList("8", "12.35", null, null, null));
    for (int chunk : new int[] {1, 3, 7, 1000}) {
      assertEquals(expected, decode(stream(), chunk), "chunks of " + chunk + " bytes");
    }
  }

  @Test
  void aValueBeyondThePrecisionIsOneClearError() {
    CopyBuffer b = new CopyBuffer(64);
    b.putBytes(PostgresBinaryCopy.HEADER, 0, PostgresBinaryCopy.HEADER.length);
    b.putShort(1);
    numeric(b, 2, false, 0, 1, 0, 0); // 10^8 into decimal(5,0)
    StructType schema = new StructType().add("r", DataTypes.createDecimalType(5, 0));
    Iterator<byte[]> it = List.of(b.toByteArray()).iterator();
    PostgresBinaryRows.Reader reader = PostgresBinaryRows.plan(schema, List.of("numeric")).rows().orElseThrow()
        .reader(() -> it.hasNext() ? it.next() : null);
    BridgeException e = assertThrows(BridgeException.class, () -> reader.next(new SpecificInternalRow(schema)));
    assertEquals("column r holds a value beyond its precision, which Spark's decimal(5,0) cannot hold (row 1 of the partition);"
        + " cast or filter it in the query", e.getMessage());
  }

  @Test
  void aColumnWithoutAnExactDecodingKeepsSparksJdbcSource() {
    StructType schema = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
    PostgresBinaryRows.Plan plan = PostgresBinaryRows.plan(schema, List.of("text", "inet"));
    assertFalse(plan.rows().isPresent());
    assertEquals("column b (inet read as string) has no binary decoding here", plan.reason());
    assertTrue(PostgresBinaryRows.plan(schema, List.of("uuid", "jsonb")).rows().isPresent());
    assertFalse(PostgresBinaryRows.plan(schema, List.of("int4", "text")).rows().isPresent(), "int4 read as a string: not this decoding");
  }
}
