package com.kwp.bridge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.extract.SchemaEvolution.WriteKind;
import com.kwp.bridge.lake.DeltaOutput;
import com.kwp.bridge.lake.LakeOutput;
import com.kwp.bridge.lake.ParquetOutput;
import com.kwp.bridge.lake.SchemaComparison;
import com.kwp.bridge.lake.TableRef;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The decision for each kind of difference under each option. Appends to Delta and Parquet ask the output
 * nothing that needs a session (only a MERGE's widening reads the table's properties: see SchemaEvolutionPostgresIT).
 */
class SchemaEvolutionTest {
  private static final LakeOutput DELTA = new DeltaOutput(TableRef.of("/lake/ventas"));
  private static final LakeOutput PARQUET = new ParquetOutput("/lake/ventas");
  private static final StructType DESTINATION = new StructType().add("id", DataTypes.LongType, false).add("qty", DataTypes.ShortType)
      .add("monto", DataTypes.LongType).add("old", DataTypes.DateType);
  /** qty widened to int (in place in Delta), monto narrowed to int (cast up), nueva added, old missing. */
  private static final StructType READ = new StructType().add("id", DataTypes.LongType).add("qty", DataTypes.IntegerType)
      .add("monto", DataTypes.IntegerType).add("nueva", DataTypes.StringType);

  private static QuerySettings settings(String hocon) {
    return QuerySettings.resolve(ExtractConfig.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference())
        .resolve()), "v", Optional.empty(), false);
  }

  private static SchemaPlan decide(LakeOutput out, StructType destination, StructType read, WriteKind kind, String hocon) {
    return SchemaEvolution.decide(null, out, SchemaComparison.compare(destination, read), kind, settings(hocon), "v");
  }

  private static List<String> texts(SchemaPlan p) {
    return p.changes().stream().map(SchemaChange::text).toList();
  }

  private static SchemaChangeException refused(LakeOutput out, StructType destination, StructType read, WriteKind kind, String hocon) {
    return assertThrows(SchemaChangeException.class, () -> decide(out, destination, read, kind, hocon));
  }

  @Test
  void evolveIsTheDefaultAndAddsWidensCastsUpAndKeepsMissingColumns() {
    SchemaPlan p = decide(DELTA, DESTINATION, READ, WriteKind.APPEND, "");
    assertEquals(List.of("qty widened smallint -> int: widened in the table", "monto narrowed bigint -> int: read cast to bigint",
        "added nueva (string): added to the table", "missing old (date): kept: NULL in the new rows"), texts(p));
    assertTrue(p.evolve(), "mergeSchema for the added column and the widening");
    assertEquals(Map.of("monto", DataTypes.LongType), p.casts());
    assertEquals(Set.of(), p.dropped());
  }

  @Test
  void aMergeKeepsMissingColumnsThroughSchemaEvolutionButNeverAMissingKeyOrNotNullColumn() {
    String merge = "extract.queries.v { format = delta, incremental-column = id, keys = [ID] }";
    StructType noOld = new StructType().add("id", DataTypes.LongType).add("qty", DataTypes.ShortType).add("monto", DataTypes.LongType);
    SchemaPlan p = decide(DELTA, DESTINATION, noOld, WriteKind.MERGE, merge);
    assertEquals(List.of("missing old (date): kept: NULL in inserted rows, updated rows keep theirs"), texts(p));
    assertTrue(p.evolve(), "updateAll/insertAll leave a target column out only with schema evolution");
    assertFalse(decide(DELTA, DESTINATION, noOld, WriteKind.APPEND, merge).evolve(), "an append leaves it out by itself");

    StructType noId = new StructType().add("qty", DataTypes.ShortType).add("monto", DataTypes.LongType).add("old", DataTypes.DateType);
    String keyMessage = refused(DELTA, DESTINATION.add("k", DataTypes.StringType), noId.add("k", DataTypes.StringType),
        WriteKind.MERGE, merge).getMessage();
    assertTrue(keyMessage.contains("missing id (bigint, NOT NULL): id is NOT NULL in the destination"), keyMessage);
    StructType nullableId = new StructType().add("id", DataTypes.LongType).add("old", DataTypes.DateType);
    assertTrue(refused(DELTA, nullableId, new StructType().add("old", DataTypes.DateType), WriteKind.MERGE, merge).getMessage()
        .contains("missing id (bigint): id is a MERGE key"));
  }

  @Test
  void failRefusesListingEveryDifferenceAndNamingTheKeyThatDecided() {
    SchemaChangeException e = refused(DELTA, DESTINATION, READ, WriteKind.APPEND, "extract.queries.v.on-schema-change = fail");
    assertEquals("Query v: schema change refused (extract.queries.v.on-schema-change = fail): "
        + "qty widened smallint -> int; monto narrowed bigint -> int; added nueva (string); missing old (date). Set "
        + "extract.queries.v.on-schema-change = evolve to apply them, or rerun with --overwrite to rewrite /lake/ventas with the "
        + "source's columns, or extract to a new destination.", e.getMessage());
    assertEquals(4, e.changes().size());
    assertTrue(e.changes().stream().allMatch(c -> c.action().equals("refused")));
    assertTrue(refused(DELTA, DESTINATION, READ, WriteKind.APPEND, "extract.on-schema-change = fail").getMessage()
        .contains("(extract.on-schema-change = fail)"), "the run-level key when the query sets none");
  }

  @Test
  void ignoreNewLeavesNewColumnsOutAndRefusesAWiderType() {
    StructType read = new StructType().add("id", DataTypes.LongType).add("qty", DataTypes.ShortType).add("monto", DataTypes.IntegerType)
        .add("nueva", DataTypes.StringType);
    SchemaPlan p = decide(DELTA, DESTINATION, read, WriteKind.APPEND, "extract.on-schema-change = ignore-new");
    assertEquals(List.of("monto narrowed bigint -> int: read cast to bigint", "added nueva (string): left out (ignore_new)",
        "missing old (date): kept: NULL in the new rows"), texts(p));
    assertEquals(Set.of("nueva"), p.dropped());
    assertFalse(p.evolve(), "the table's schema does not change");
    SchemaChangeException e = refused(DELTA, DESTINATION, READ, WriteKind.APPEND, "extract.on-schema-change = ignore_new");
    assertTrue(e.getMessage().contains("qty widened smallint -> int: ignore_new keeps the destination's types"), e.getMessage());
    assertTrue(e.getMessage().contains("Set extract.on-schema-change = evolve, or rerun with --overwrite"), e.getMessage());
    assertEquals(List.of("refused", "not applied (the write was refused)", "not applied (the write was refused)",
        "not applied (the write was refused)"), e.changes().stream().map(SchemaChange::action).toList());
  }

  @Test
  void anIncompatibleTypeAlwaysRefusesNamingTheColumnBothTypesAndWhatToDo() {
    StructType destination = new StructType().add("id", DataTypes.LongType).add("nota", DataTypes.StringType);
    StructType read = new StructType().add("id", DataTypes.LongType).add("nota", DataTypes.IntegerType);
    for (String option : List.of("evolve", "ignore_new")) {
      SchemaChangeException e = refused(DELTA, destination, read, WriteKind.APPEND, "extract.on-schema-change = " + option);
      assertEquals("Query v: schema change refused (extract.on-schema-change = " + option
          + "): nota changed string -> int cannot be written into the existing column. Rerun with --overwrite to rewrite "
          + "/lake/ventas with the source's columns, or extract to a new destination.", e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
    }
  }

  @Test
  void intToBigintIsRefusedByThisDeltaVersionAndByParquet() {
    StructType destination = new StructType().add("id", DataTypes.IntegerType);
    StructType read = new StructType().add("id", DataTypes.LongType);
    assertTrue(refused(DELTA, destination, read, WriteKind.APPEND, "").getMessage()
        .contains("id widened int -> bigint: Delta 3.2 widens a column in place only from tinyint or smallint up to int"));
    assertTrue(refused(PARQUET, destination, read, WriteKind.APPEND, "").getMessage()
        .contains("id widened int -> bigint: a Parquet folder with files of both types cannot be read with mergeSchema"));
  }

  @Test
  void parquetNewFilesCarryAddedColumnsAndLackMissingOnes() {
    StructType read = new StructType().add("id", DataTypes.LongType).add("qty", DataTypes.ShortType).add("monto", DataTypes.LongType)
        .add("nueva", DataTypes.StringType);
    assertEquals(List.of("added nueva (string): in the new files (read the folder with mergeSchema)",
        "missing old (date): absent from the new files (NULL when read with mergeSchema)"),
        texts(decide(PARQUET, DESTINATION, read, WriteKind.APPEND, "")));
  }

  @Test
  void aPossibleRenameIsAddedAndMissingNeverCopied() {
    StructType destination = new StructType().add("id", DataTypes.LongType).add("importe", DataTypes.LongType);
    StructType read = new StructType().add("id", DataTypes.LongType).add("monto", DataTypes.LongType);
    SchemaPlan p = decide(DELTA, destination, read, WriteKind.APPEND, "");
    assertEquals(List.of("possible rename importe -> monto (bigint): not taken as a rename: monto added to the table; importe kept: "
        + "NULL in the new rows"), texts(p));
    assertTrue(p.evolve());
    SchemaPlan ignored = decide(DELTA, destination, read, WriteKind.APPEND, "extract.on-schema-change = ignore_new");
    assertEquals(Set.of("monto"), ignored.dropped());
  }

  @Test
  void aLongerVarcharIsRaisedInDeltaBeforeTheRowsAndIsNoDifferenceInParquet() {
    StructType destination = new StructType().add("codigo", DataTypes.StringType, true,
        new org.apache.spark.sql.types.MetadataBuilder().putString("__CHAR_VARCHAR_TYPE_STRING", "varchar(50)").build());
    StructType read = new StructType().add("codigo", DataTypes.StringType, true,
        new org.apache.spark.sql.types.MetadataBuilder().putString("__CHAR_VARCHAR_TYPE_STRING", "varchar(200)").build());
    SchemaPlan p = decide(DELTA, destination, read, WriteKind.MERGE, "extract.queries.v { format = delta, incremental-column = id, keys = [id] }");
    assertEquals(List.of("codigo widened varchar(50) -> varchar(200): limit raised in the table (a metadata-only commit before the rows)"),
        texts(p));
    assertTrue(p.evolve());
  }

  @Test
  void anOverwriteReplacesTheShapeAndOnlyReportsIt() {
    StructType destination = new StructType().add("id", DataTypes.LongType).add("nota", DataTypes.StringType);
    StructType read = new StructType().add("id", DataTypes.IntegerType).add("nota", DataTypes.IntegerType);
    SchemaPlan p = decide(DELTA, destination, read, WriteKind.OVERWRITE, "extract.on-schema-change = fail");
    assertEquals(List.of("id narrowed bigint -> int: replaced (overwrite)", "nota changed string -> int: replaced (overwrite)"), texts(p));
    assertEquals(Map.of(), p.casts(), "the new shape is written as read");
  }
}
