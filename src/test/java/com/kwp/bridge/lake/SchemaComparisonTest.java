package com.kwp.bridge.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.lake.SchemaDifference.Kind;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaComparisonTest {
  private static StructType schema(Object... nameTypePairs) {
    StructType s = new StructType();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      s = s.add((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1]);
    }
    return s;
  }

  private static List<String> described(StructType destination, StructType read) {
    return SchemaComparison.compare(destination, read).stream().map(SchemaDifference::describe).toList();
  }

  @Test
  void sameColumnsInAnyCaseOrderNullabilityAndMetadataAreNoDifference() {
    Metadata jdbc = new MetadataBuilder().putLong("scale", 2).build();
    StructType destination = new StructType().add("ID", DataTypes.LongType, false).add("Año", DataTypes.StringType)
        .add("monto", DataTypes.createDecimalType(18, 2));
    StructType read = new StructType().add("monto", DataTypes.createDecimalType(18, 2), true, jdbc).add("año", DataTypes.StringType)
        .add("id", DataTypes.LongType, true);
    assertEquals(List.of(), SchemaComparison.compare(destination, read));
  }

  @Test
  void eachKindIsNamedWithItsColumnAndBothTypes() {
    StructType destination = schema("id", DataTypes.IntegerType, "qty", DataTypes.ShortType, "monto", DataTypes.LongType,
        "nota", DataTypes.StringType, "old", DataTypes.DateType, "id hogar", DataTypes.IntegerType);
    StructType read = schema("id", DataTypes.IntegerType, "qty", DataTypes.IntegerType, "monto", DataTypes.IntegerType,
        "nota", DataTypes.IntegerType, "nueva", DataTypes.StringType, "año", DataTypes.BooleanType);
    assertEquals(List.of("qty widened smallint -> int", "monto narrowed bigint -> int", "nota changed string -> int",
        "added nueva (string)", "added año (boolean)", "missing old (date)", "missing `id hogar` (int)"), described(destination, read));
  }

  @Test
  void theOnlyAddedAndMissingColumnsOfOneTypeAreAPossibleRenameReportedOnce() {
    List<SchemaDifference> d = SchemaComparison.compare(
        new StructType().add("id", DataTypes.IntegerType).add("importe", DataTypes.LongType, false).add("a", DataTypes.StringType)
            .add("b", DataTypes.StringType),
        schema("id", DataTypes.IntegerType, "monto", DataTypes.LongType, "c", DataTypes.StringType));
    assertEquals(List.of("possible rename importe -> monto (bigint)", "added c (string)", "missing a (string)", "missing b (string)"),
        d.stream().map(SchemaDifference::describe).toList(), "two missing strings and one added: no pairing is guessed");
    assertEquals(Kind.POSSIBLE_RENAME, d.get(0).kind());
    assertEquals("importe", d.get(0).previous());
    assertTrue(d.get(0).notNull(), "the old column's NOT NULL travels with the pair");
  }

  @Test
  void aLongerOrNoCharVarcharLimitIsAWideningAShorterOneNoDifference() {
    Metadata v50 = new MetadataBuilder().putString("__CHAR_VARCHAR_TYPE_STRING", "varchar(50)").build();
    Metadata v200 = new MetadataBuilder().putString("__CHAR_VARCHAR_TYPE_STRING", "varchar(200)").build();
    Metadata c2 = new MetadataBuilder().putString("__CHAR_VARCHAR_TYPE_STRING", "char(2)").build();
    StructType destination = new StructType().add("a", DataTypes.StringType, true, v50).add("b", DataTypes.StringType, true, v200)
        .add("c", DataTypes.StringType, true, c2).add("d", DataTypes.StringType);
    StructType read = new StructType().add("a", DataTypes.StringType, true, v200).add("b", DataTypes.StringType, true, v50)
        .add("c", DataTypes.StringType).add("d", DataTypes.StringType, true, v50);
    assertEquals(List.of("a widened varchar(50) -> varchar(200)", "c widened char(2) -> string"), described(destination, read),
        "b still fits; d has no limit to exceed");
  }

  @Test
  void aNotNullMissingColumnSaysSo() {
    assertEquals(List.of("missing pais (string, NOT NULL)"),
        described(new StructType().add("id", DataTypes.IntegerType).add("pais", DataTypes.StringType, false),
            schema("id", DataTypes.IntegerType)));
  }

  @Test
  void wideningIsLosslessOnly() {
    assertTrue(SchemaComparison.widens(DataTypes.ByteType, DataTypes.LongType));
    assertTrue(SchemaComparison.widens(DataTypes.IntegerType, DataTypes.LongType));
    assertFalse(SchemaComparison.widens(DataTypes.LongType, DataTypes.IntegerType));
    assertTrue(SchemaComparison.widens(DataTypes.FloatType, DataTypes.DoubleType));
    assertTrue(SchemaComparison.widens(DataTypes.IntegerType, DataTypes.DoubleType));
    assertFalse(SchemaComparison.widens(DataTypes.LongType, DataTypes.DoubleType), "a double has 53 bits of mantissa");
    assertTrue(SchemaComparison.widens(DataTypes.IntegerType, DataTypes.createDecimalType(10, 0)));
    assertFalse(SchemaComparison.widens(DataTypes.IntegerType, DataTypes.createDecimalType(10, 2)));
    assertTrue(SchemaComparison.widens(DataTypes.createDecimalType(12, 2), DataTypes.createDecimalType(18, 4)));
    assertFalse(SchemaComparison.widens(DataTypes.createDecimalType(12, 2), DataTypes.createDecimalType(12, 4)));
    assertFalse(SchemaComparison.widens(DataTypes.DateType, DataTypes.TimestampType), "a date is not an instant");
    assertFalse(SchemaComparison.widens(DataTypes.IntegerType, DataTypes.StringType), "a number is not text");
    assertFalse(SchemaComparison.widens(DataTypes.StringType, DataTypes.IntegerType));
  }

  @Test
  void deltaWidensInPlaceOnlyWhatItsVersionCan() {
    assertTrue(DeltaOutput.widenableInPlace(DataTypes.ShortType, DataTypes.IntegerType));
    assertTrue(DeltaOutput.widenableInPlace(DataTypes.ByteType, DataTypes.ShortType));
    assertFalse(DeltaOutput.widenableInPlace(DataTypes.IntegerType, DataTypes.LongType), "Delta 3.2 has no int -> bigint");
    assertFalse(DeltaOutput.widenableInPlace(DataTypes.FloatType, DataTypes.DoubleType));
  }
}
