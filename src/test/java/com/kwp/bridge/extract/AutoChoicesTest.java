package com.kwp.bridge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The pure rules of automatic partitioning and watermarks, and binary watermark ordering. */
class AutoChoicesTest {
  private static CatalogColumn col(String name, String type, boolean notNull) {
    return new CatalogColumn(name, type, notNull, false);
  }

  private static TableMetadata table(List<CatalogColumn> cols, CatalogIndex... idx) {
    return new TableMetadata("t", cols, List.of(idx), OptionalLong.of(1000));
  }

  @Test
  void candidateOrderPrimaryKeyClusteredIdentityCompositeText() {
    List<String> notes = new ArrayList<>();
    var intPk = table(List.of(col("id", "bigint", true)), new CatalogIndex("pk", true, true, true, List.of("id")));
    assertEquals("id", PartitionChooser.candidate(intPk, notes).orElseThrow().column());

    var textPkClusteredDate = table(List.of(col("code", "varchar(20)", true), col("dia", "date", true)),
        new CatalogIndex("pk", true, false, true, List.of("code")), new CatalogIndex("cx", false, true, false, List.of("dia")));
    var c = PartitionChooser.candidate(textPkClusteredDate, notes).orElseThrow();
    assertEquals("dia", c.column());
    assertTrue(c.why().startsWith("clustered index cx"), c.why());

    var identity = table(List.of(col("code", "text", true), new CatalogColumn("n", "integer", true, true)),
        new CatalogIndex("pk", true, false, true, List.of("code")));
    assertEquals("identity column (integer)", PartitionChooser.candidate(identity, notes).orElseThrow().why());

    var composite = table(List.of(col("l_orderkey", "bigint", true), col("l_linenumber", "integer", true)),
        new CatalogIndex("lineitem_pkey", true, false, true, List.of("l_orderkey", "l_linenumber")));
    assertEquals("leading column of primary key lineitem_pkey (l_orderkey, l_linenumber)",
        PartitionChooser.candidate(composite, notes).orElseThrow().why());

    var text = table(List.of(col("code", "character varying(20)", true)), new CatalogIndex("pk", true, false, true, List.of("code")));
    assertTrue(PartitionChooser.candidate(text, notes).orElseThrow().quantileOnly());

    var heap = table(List.of(col("l_orderkey", "bigint", true), col("l_shipdate", "date", true)));
    assertTrue(PartitionChooser.candidate(heap, notes).orElseThrow().why().startsWith("first non-null bigint column of a table with no key"),
        "a keyless table (the benchmark's lineitem) still splits on a non-null integer column");

    List<String> none = new ArrayList<>();
    assertEquals(Optional.empty(), PartitionChooser.candidate(table(List.of(col("a", "integer", false))), none));
    assertEquals(List.of("no primary key or clustered index", "no integer identity column"), none);
  }

  @Test
  void countFromEstimateTargetAndCap() {
    var s = new PartitionChooser.Sizing(Optional.empty(), 1_000_000, 32, 4, 0);
    assertEquals(7, PartitionChooser.count(OptionalLong.of(6_001_215), s).partitions());
    assertEquals("~6,001,215 rows / 1,000,000 per partition", PartitionChooser.count(OptionalLong.of(6_001_215), s).why());
    assertEquals(1, PartitionChooser.count(OptionalLong.of(999), s).partitions());
    assertEquals(32, PartitionChooser.count(OptionalLong.of(100_000_000), s).partitions());
    assertTrue(PartitionChooser.count(OptionalLong.of(100_000_000), s).why().contains("capped by extract.max-partitions = 32"));
    assertEquals(4, PartitionChooser.count(OptionalLong.empty(), s).partitions());
    assertEquals(9, PartitionChooser.count(OptionalLong.of(10), new PartitionChooser.Sizing(Optional.of(9), 1, 32, 4, 0)).partitions());
  }

  @Test
  void partitionsThatEachScanTheTableAreCappedAtTheTaskSlots() {
    var count = new PartitionChooser.Count(7, "~6,001,215 rows / 1,000,000 per partition");
    var capped = PartitionChooser.cappedAtSlots(count, new PartitionChooser.Sizing(Optional.empty(), 1_000_000, 32, 4, 2));
    assertEquals(2, capped.partitions());
    assertEquals("~6,001,215 rows / 1,000,000 per partition, capped at Spark's 2 task slots since each partition scans the table", capped.why());
    assertEquals(count, PartitionChooser.cappedAtSlots(count, new PartitionChooser.Sizing(Optional.empty(), 1_000_000, 32, 4, 0)), "slots unknown");
    assertEquals(count, PartitionChooser.cappedAtSlots(count, new PartitionChooser.Sizing(Optional.empty(), 1_000_000, 32, 4, 8)));
    assertEquals(count, PartitionChooser.cappedAtSlots(count, new PartitionChooser.Sizing(Optional.of(7), 1_000_000, 32, 4, 2)), "configured wins");
    var heap = table(List.of(col("l_orderkey", "bigint", true)));
    assertTrue(PartitionChooser.candidate(heap, new ArrayList<>()).orElseThrow().scansTable());
  }

  @Test
  void skewVerdictFromSampledRanges() {
    assertEquals(Boolean.FALSE, PartitionChooser.skewed(new long[] {250, 240, 260, 250}));
    assertEquals(Boolean.TRUE, PartitionChooser.skewed(new long[] {900, 0, 0, 100}));
    assertNull(PartitionChooser.skewed(new long[] {3, 1, 0, 0}), "too few sampled rows to tell");
    assertEquals(new BigDecimal("100"), PartitionChooser.samplePercent(20_000));
    assertEquals(new BigDecimal("0.3334"), PartitionChooser.samplePercent(6_000_000), "rounded up: at least the target sample");
  }

  @Test
  void watermarkRowversionThenModifiedTimestampElseRefusedWithCandidates() {
    var rv = new TableMetadata("dbo.t", List.of(col("id", "int", true), col("rv", "rowversion", true), col("modified", "datetime2", true)),
        List.of(), OptionalLong.empty());
    assertEquals("rv", WatermarkChooser.choose("k", rv).column());
    assertTrue(WatermarkChooser.choose("k", rv).rowversion());

    var ts = new TableMetadata("t", List.of(col("created_at", "timestamp without time zone", true),
        col("fecha_modificacion", "datetime2", true), col("updated", "datetime", false)), List.of(), OptionalLong.empty());
    assertEquals("fecha_modificacion", WatermarkChooser.choose("k", ts).column());

    var none = new TableMetadata("t", List.of(col("created_at", "timestamp without time zone", true),
        col("updated_at", "timestamp without time zone", false)), List.of(), OptionalLong.empty());
    ConfigException e = assertThrows(ConfigException.class, () -> WatermarkChooser.choose("extract.tables.t.incremental-column", none));
    assertTrue(e.getMessage().contains("created_at timestamp without time zone (name does not look like a modification time)")
        && e.getMessage().contains("updated_at timestamp without time zone NULL")
        && e.getMessage().contains("Set extract.tables.t.incremental-column"), e.getMessage());
  }

  @Test
  void binaryWatermarksOrderUnsignedAndMoveBack() {
    var a = new BinaryWatermark(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0xFF});
    var b = new BinaryWatermark(new byte[] {0, 0, 0, 0, 0, 0, 1, 0});
    assertTrue(a.compareTo(b) < 0, "0xFF is 255, not -1");
    assertEquals("0x00000000000000FF", a.toString());
    assertEquals(a, b.minus(BigInteger.ONE));
    assertEquals(a, Watermarks.normalize(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0xFF}));
    assertTrue(Watermarks.caughtUp(b, a));
  }
}
