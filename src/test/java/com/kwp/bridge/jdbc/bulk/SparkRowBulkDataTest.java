package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.dialect.Dialects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ValidationException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The bulk-copy adapter and value conversions, with no server. */
class SparkRowBulkDataTest {
  static BulkColumn col(String name, int type, int precision, int scale, int idx) {
    return new BulkColumn(name, type, "t", precision, scale, idx);
  }

  final List<BulkColumn> columns = List.of(
      col("id hogar", Types.INTEGER, 10, 0, 0),
      col("peso", Types.DECIMAL, 18, 4, 1),
      col("medido", Types.TIMESTAMP, 27, 3, 2),
      col("ratio", Types.FLOAT, 53, 0, 3),
      col("bridge_partition", Types.INTEGER, 10, 0, BulkColumn.PARTITION_ID));

  @Test
  void declaresDestinationMetadataWithContiguousOrdinalsAndFloatAsDouble() throws Exception {
    SparkRowBulkData data = new SparkRowBulkData(List.<Row>of().iterator(), columns, 7);
    assertEquals(Set.of(1, 2, 3, 4, 5), data.getColumnOrdinals());
    assertEquals("id hogar", data.getColumnName(1));
    assertEquals(Types.DECIMAL, data.getColumnType(2));
    assertEquals(18, data.getPrecision(2));
    assertEquals(4, data.getScale(2));
    assertEquals(Types.DOUBLE, data.getColumnType(4), "FLOAT would make the driver cast to float");
    assertFalse(data.next());
  }

  @Test
  void rowsBecomeTheClassesTheDriverCastsToIncludingNullsAndThePartitionId() throws Exception {
    Row r1 = RowFactory.create(1, new BigDecimal("1.5"), Timestamp.valueOf("2024-01-31 23:59:59.123456"), 0.25d);
    Row r2 = RowFactory.create(2, null, null, null);
    SparkRowBulkData data = new SparkRowBulkData(List.of(r1, r2).iterator(), columns, 7);
    assertTrue(data.next());
    Object[] v = data.getRowData();
    assertEquals(1, v[0]);
    assertEquals(new BigDecimal("1.5000"), v[1]);
    assertEquals(Timestamp.valueOf("2024-01-31 23:59:59.123"), v[2], "truncated to the destination scale");
    assertInstanceOf(Double.class, v[3]);
    assertEquals(7, v[4]);
    assertTrue(data.next());
    assertArrayEquals(new Object[] {2, null, null, null, 7}, data.getRowData());
    assertFalse(data.next());
  }

  @Test
  void conversionsPerDestinationType() {
    assertEquals((short) 255, BulkValues.convert((byte) -1 & 0xFF, col("b", Types.TINYINT, 3, 0, 0)));
    assertThrows(ValidationException.class, () -> BulkValues.convert((byte) -1, col("b", Types.TINYINT, 3, 0, 0)));
    assertEquals(5L, BulkValues.convert(5, col("b", Types.BIGINT, 19, 0, 0)));
    assertEquals((short) 5, BulkValues.convert(5, col("b", Types.SMALLINT, 5, 0, 0)));
    assertThrows(ArithmeticException.class, () -> BulkValues.convert(1L << 40, col("i", Types.INTEGER, 10, 0, 0)));
    assertEquals(1.5f, BulkValues.convert(1.5d, col("r", Types.REAL, 24, 0, 0)));
    assertEquals(new BigDecimal("2.35"), BulkValues.convert(new BigDecimal("2.345"), col("d", Types.NUMERIC, 10, 2, 0)));
    assertEquals("año", BulkValues.convert("año", col("s", Types.NVARCHAR, 50, 0, 0)));
    assertEquals(Date.valueOf("2024-02-29"), BulkValues.convert(LocalDate.of(2024, 2, 29), col("d", Types.DATE, 10, 0, 0)));
    assertEquals(Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")),
        BulkValues.convert(Instant.parse("2024-01-01T00:00:00Z"), col("t", Types.TIMESTAMP, 27, 7, 0)));
    assertInstanceOf(microsoft.sql.DateTimeOffset.class, BulkValues.convert(Timestamp.valueOf("2024-01-01 10:00:00"),
        col("o", BulkValues.DATETIMEOFFSET, 34, 7, 0)));
    assertEquals(Boolean.TRUE, BulkValues.convert(true, col("b", Types.BIT, 1, 0, 0)));
    assertNull(BulkValues.convert(null, col("x", Types.INTEGER, 10, 0, 0)));
  }

  @Test
  void postgresCsvQuotesEverythingButNull() {
    StringBuilder sb = new StringBuilder();
    PostgresCsv.appendField(sb, "a \"b\",\nc", "text");
    sb.append(',');
    PostgresCsv.appendField(sb, null, "text");
    sb.append(',');
    PostgresCsv.appendField(sb, "", "text");
    sb.append(',');
    PostgresCsv.appendField(sb, new BigDecimal("1E+3"), "numeric");
    sb.append(',');
    PostgresCsv.appendField(sb, new byte[] {0, (byte) 0xff}, "bytea");
    assertEquals("\"a \"\"b\"\",\nc\",,\"\",\"1000\",\"\\x00ff\"", sb.toString());
  }

  @Test
  void bulkCopyIntoStagingLocksTheHeapAndIntoTheTargetKeepsItsConstraintsAndTriggers() throws Exception {
    com.kwp.bridge.config.ConnectionConfig cc = new com.kwp.bridge.config.ConnectionConfig("t", "jdbc:sqlserver://h;databaseName=d", "u",
        com.kwp.bridge.security.Secret.empty(), java.util.Map.of());
    com.kwp.bridge.dialect.SqlDialect ss = com.kwp.bridge.dialect.Dialects.sqlServer();
    com.kwp.bridge.dialect.TableName t = com.kwp.bridge.dialect.TableName.of("dbo", "t");
    com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions staged = SqlServerBulkWriter.options(new BulkLoad(cc, ss, t, columns, 5000, 30, false));
    assertTrue(staged.isTableLock());
    assertFalse(staged.isCheckConstraints());
    assertFalse(staged.isFireTriggers());
    com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions direct = SqlServerBulkWriter.options(new BulkLoad(cc, ss, t, columns, 5000, 30, true));
    assertFalse(direct.isTableLock(), "no table lock on the user's table");
    assertTrue(direct.isCheckConstraints(), "else the target's constraints are skipped and left untrusted");
    assertTrue(direct.isFireTriggers());
    for (com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions o : List.of(staged, direct)) {
      assertTrue(o.isKeepNulls());
      assertFalse(o.isKeepIdentity());
      assertEquals(5000, o.getBatchSize());
      assertEquals(30, o.getBulkCopyTimeout());
    }
  }
}
