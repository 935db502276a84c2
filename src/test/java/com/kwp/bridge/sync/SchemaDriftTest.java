package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kwp.bridge.jdbc.ColumnInfo;
import java.sql.Types;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Which source columns feed which target columns, and every mismatch, by the types' capacity alone. */
class SchemaDriftTest {
  static TargetColumn col(String name, int jdbc, String type, int precision, int scale, boolean required) {
    return new TargetColumn(new ColumnInfo(name, jdbc, type, precision, scale), required, false);
  }

  static final List<TargetColumn> TARGET = List.of(col("id hogar", Types.INTEGER, "int4", 10, 0, true),
      col("año", Types.SMALLINT, "int2", 5, 0, false), col("peso", Types.NUMERIC, "numeric", 5, 2, false),
      col("nombre", Types.NVARCHAR, "nvarchar", 40, 0, false), col("dia", Types.DATE, "date", 10, 0, false),
      col("obligatorio", Types.BIGINT, "int8", 19, 0, true));

  @Test
  void everyMismatchIsNamedWithBothTypes() {
    StructType source = new StructType().add("ID HOGAR", DataTypes.IntegerType).add("año", DataTypes.IntegerType)
        .add("peso", DataTypes.createDecimalType(12, 2)).add("nombre", DataTypes.LongType).add("dia", DataTypes.TimestampType)
        .add("extra", DataTypes.StringType);
    SchemaDrift.Match m = SchemaDrift.compare(source, TARGET, false, false, true, null);
    assertEquals(List.of("ID HOGAR", "año", "peso", "nombre", "dia"), m.sourceNames());
    assertEquals(List.of("id hogar", "año", "peso", "nombre", "dia"), m.targetNames());
    assertEquals(List.of(
        "año (int -> int2): values may overflow the narrower integer type",
        "peso (decimal(12,2) -> numeric(5,2)): the target holds 3 integer digit(s), the source up to 10",
        "dia (timestamp -> date): a date drops the time of day",
        "extra (string -> -): the target has no such column (add it, or set options.on_extra_columns = ignore)",
        "obligatorio (- -> int8): NOT NULL without a default, and the source has no such column"),
        m.mismatches().stream().map(Object::toString).toList());
  }

  @Test
  void whatFitsPassesAndExtraColumnsMayBeLeftOutOnPurpose() {
    StructType source = new StructType().add("id hogar", DataTypes.ShortType).add("peso", DataTypes.createDecimalType(4, 2))
        .add("nombre", DataTypes.StringType).add("dia", DataTypes.DateType).add("obligatorio", DataTypes.IntegerType)
        .add("extra", DataTypes.StringType);
    SchemaDrift.Match m = SchemaDrift.compare(source, TARGET, true, true, true, null);
    assertEquals(List.of(), m.mismatches());
    assertEquals(List.of("extra"), m.ignored());
  }

  @Test
  void aDeleteComparesOnlyItsKeysAndAnUpdateNeedsNoRequiredColumns() {
    StructType source = new StructType().add("id hogar", DataTypes.IntegerType).add("extra", DataTypes.StringType);
    assertEquals(List.of(), SchemaDrift.compare(source, TARGET, true, false, false, List.of("id hogar")).mismatches());
    assertEquals(1, SchemaDrift.compare(source, TARGET, true, false, false, null).mismatches().size(), "only the extra column");
  }

  @Test
  void namesFoldCaseOnlyWhereTheTargetDoesOrTheMatchIsUnique() {
    List<TargetColumn> twins = List.of(col("Code", Types.INTEGER, "int4", 10, 0, false), col("code", Types.INTEGER, "int4", 10, 0, false));
    StructType source = new StructType().add("CODE", DataTypes.IntegerType);
    assertEquals(1, SchemaDrift.compare(source, twins, true, false, false, null).mismatches().size(), "ambiguous on a case-sensitive target");
    assertEquals(List.of("Code"), SchemaDrift.compare(source, twins, false, false, false, null).targetNames());
  }
}
