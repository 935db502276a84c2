package com.kwp.bridge.jdbc.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.jdbc.ColumnInfo;
import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.jdbc.TableProbe;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import com.kwp.bridge.testing.TestSpark;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The same Spark rows through PostgreSQL's two bulk paths: binary COPY from internal rows (every column has a
 * binary form) and CSV COPY from external rows (one jsonb column has none, so the whole load takes CSV). Both
 * tables must read back identically, edge values included, and as the literals below.
 */
class BulkPathsPostgresIT {
  static final String COLUMNS = "i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, n numeric(20,6), m numeric(12,2),"
      + " t text, c char(3), v varchar(10), b boolean, raw bytea, d date, ts timestamp, tz timestamptz";
  static final StructType SCHEMA = new StructType().add("i2", DataTypes.IntegerType).add("i4", DataTypes.IntegerType)
      .add("i8", DataTypes.LongType).add("f4", DataTypes.FloatType).add("f8", DataTypes.DoubleType)
      .add("n", DataTypes.createDecimalType(20, 6)).add("m", DataTypes.createDecimalType(12, 2)).add("t", DataTypes.StringType)
      .add("c", DataTypes.StringType).add("v", DataTypes.StringType).add("b", DataTypes.BooleanType).add("raw", DataTypes.BinaryType)
      .add("d", DataTypes.DateType).add("ts", DataTypes.TimestampType).add("tz", DataTypes.TimestampType);

  static List<Row> rows() {
    return List.of(
        RowFactory.create(1, Integer.MAX_VALUE, Long.MIN_VALUE, 1.5f, -0.1d, new BigDecimal("12345678901234.567891"),
            new BigDecimal("-0.01"), "São \"q\", x\nline 北京", "ab", "ten chars!", true, new byte[] {0, 1, (byte) 0xff},
            Date.valueOf("1999-12-31"), Timestamp.valueOf("2024-02-29 12:00:00.123456"), instant("2000-01-01T00:00:00Z")),
        RowFactory.create(-32768, 0, 0L, 0f, 0d, new BigDecimal("0.000001"), new BigDecimal("0.00"), "", "", "", false, new byte[0],
            Date.valueOf("1969-07-20"), Timestamp.valueOf("1970-01-01 00:00:00.000001"), instant("1999-12-31T23:59:59.999999Z")),
        RowFactory.create(null, null, null, null, null, new BigDecimal("-99999999999999.999999"), new BigDecimal("9999999999.99"),
            null, null, null, null, null, null, null, null));
  }

  static Timestamp instant(String iso) {
    return Timestamp.from(java.time.Instant.parse(iso));
  }

  @Test
  void binaryAndCsvCopyLoadTheSameValues() throws Exception {
    SparkSession spark = TestSpark.session();
    try (TestDatabase db = TestDatabases.postgres()) {
      db.execute("CREATE TABLE " + db.qualified("via_binary") + " (" + COLUMNS + ")",
          "CREATE TABLE " + db.qualified("via_csv") + " (" + COLUMNS + ", extra jsonb)");
      Dataset<Row> source = spark.createDataFrame(rows(), SCHEMA).repartition(2);
      assertEquals("binary COPY", load(spark, db, "via_binary", source));
      assertEquals("CSV COPY", load(spark, db, "via_csv", source.selectExpr("*", "'{\"k\": 1}' AS extra")));

      String select = "SELECT concat_ws('|', " + String.join(", ", List.of("i2", "i4", "i8", "f4", "f8", "n", "m", "t", "c", "v", "b",
          "encode(raw, 'hex')", "d", "ts", "tz AT TIME ZONE 'UTC'").stream().map(x -> "coalesce((" + x + ")::text, 'NULL')").toList()) + ") FROM ";
      List<String> binary = texts(db, select + db.qualified("via_binary") + " ORDER BY n");
      assertEquals(texts(db, select + db.qualified("via_csv") + " ORDER BY n"), binary);
      assertEquals(List.of("NULL|NULL|NULL|NULL|NULL|-99999999999999.999999|9999999999.99|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL",
          "-32768|0|0|0|0|0.000001|0.00||||false||1969-07-20|1970-01-01 00:00:00.000001|1999-12-31 23:59:59.999999",
          "1|2147483647|-9223372036854775808|1.5|-0.1|12345678901234.567891|-0.01|São \"q\", x\nline 北京|ab|ten chars!|true|0001ff"
              + "|1999-12-31|2024-02-29 12:00:00.123456|2000-01-01 00:00:00"), binary);
    }
  }

  /** Loads {@code rows} into {@code table} as SyncJob's loader does; returns the path it took. */
  static String load(SparkSession spark, TestDatabase db, String table, Dataset<Row> rows) throws Exception {
    SqlDialect dialect = db.dialect();
    TableName name = TableName.of(db.schema(), table);
    List<ColumnInfo> cols;
    try (Connection c = db.open()) {
      cols = TableProbe.columns(new SqlRunner(c, dialect), name);
    }
    List<BulkColumn> bulk = new ArrayList<>();
    for (ColumnInfo ci : cols) {
      bulk.add(new BulkColumn(ci.name(), ci.jdbcType(), ci.typeName(), ci.precision(), ci.scale(), Arrays.asList(rows.columns()).indexOf(ci.name())));
    }
    return PartitionLoader.load(rows, new BulkLoad(db.connection(), dialect, name, bulk, 10_000, 0, false), spark.sparkContext().longAccumulator());
  }

  static List<String> texts(TestDatabase db, String sql) {
    return db.query(sql, rs -> {
      try {
        return rs.getString(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
