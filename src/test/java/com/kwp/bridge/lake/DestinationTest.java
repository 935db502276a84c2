package com.kwp.bridge.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.config.OutputFormat;
import com.kwp.bridge.error.ConfigException;
import java.nio.file.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class DestinationTest {
  @Test
  void pathsGetOneFolderPerQuery() {
    assertEquals("/Volumes/main/sales/raw/ventas", Destination.parse("/Volumes/main/sales/raw").forQuery("ventas", OutputFormat.PARQUET).location());
    assertEquals("abfss://c@acct.dfs.core.windows.net/x/ventas", Destination.parse("abfss://c@acct.dfs.core.windows.net/x/").forQuery("ventas", OutputFormat.DELTA).location());
    assertEquals(Path.of("out").toAbsolutePath().resolve("ventas").toString(), Destination.parse("./out").forQuery("ventas", OutputFormat.PARQUET).location());
    assertTrue(Destination.parse("out/sub").isPath());
    assertInstanceOf(ParquetOutput.class, Destination.parse("/tmp/x").forQuery("q", OutputFormat.PARQUET));
    assertInstanceOf(DeltaOutput.class, Destination.parse("/tmp/x").forQuery("q", OutputFormat.DELTA));
  }

  @Test
  void dottedNamesGetDeltaTables() {
    Destination d = Destination.parse("main.sales");
    assertFalse(d.isPath());
    LakeOutput out = d.forQuery("ventas", OutputFormat.PARQUET);
    assertInstanceOf(DeltaOutput.class, out);
    assertEquals("main.sales.`ventas`", out.location());
    assertEquals("bronze.`ventas`", Destination.parse("bronze").forQuery("ventas", OutputFormat.DELTA).location());
  }

  @Test
  void badNamesFailWithAHint() {
    assertTrue(assertThrows(ConfigException.class, () -> Destination.parse("a.b.c")).getMessage().contains("catalog.schema"));
    assertTrue(assertThrows(ConfigException.class, () -> Destination.parse("my schema")).getMessage().contains("./"));
    assertThrows(ConfigException.class, () -> Destination.parse(" "));
  }

  @Test
  void columnMappingOnlyWhenANameNeedsIt() {
    assertTrue(DeltaOutput.needsColumnMapping(new StructType().add("id hogar", DataTypes.IntegerType)));
    assertFalse(DeltaOutput.needsColumnMapping(new StructType().add("año", DataTypes.IntegerType).add("id_x", DataTypes.LongType)));
  }
}
