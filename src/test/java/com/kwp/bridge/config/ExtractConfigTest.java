package com.kwp.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtractConfigTest {
  private static ExtractConfig parse(String hocon) {
    Config c = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    return ExtractConfig.from(c);
  }

  private static String error(String hocon) {
    return assertThrows(ConfigException.class, () -> parse(hocon)).getMessage();
  }

  @Test
  void defaultsArePinnedAndMatchReferenceConf() {
    ExtractConfig c = parse("");
    assertEquals(new ExtractConfig(4, OutputFormat.PARQUET, WriteMode.SKIP_EXISTING, 10_000, 4,
        Optional.of("bridge.events.bridge_extract_runs"), java.util.List.of(), false, java.util.Map.of(), java.util.Map.of(),
        1_000_000L, 32, SchemaChangePolicy.EVOLVE), c);
    assertEquals(c, ExtractConfig.from(ConfigFactory.empty()));
    assertEquals(QueryOptions.defaults("x"), c.query("x"));
  }

  @Test
  void onSchemaChangeAtRunAndQueryLevelAndTheKeyThatDecided() {
    ExtractConfig c = parse("extract { on-schema-change = fail, queries.v.on-schema-change = ignore-new,"
        + " tables.t { table = \"dbo.T\", on-schema-change = evolve } }");
    assertEquals(SchemaChangePolicy.FAIL, c.onSchemaChange());
    QuerySettings v = QuerySettings.resolve(c, "v", Optional.empty(), false);
    assertEquals(SchemaChangePolicy.IGNORE_NEW, v.onSchemaChange());
    assertEquals("extract.queries.v.on-schema-change", v.onSchemaChangeKey());
    assertEquals(SchemaChangePolicy.EVOLVE, QuerySettings.resolve(c, "t", Optional.empty(), false).onSchemaChange());
    QuerySettings other = QuerySettings.resolve(c, "other", Optional.empty(), false);
    assertEquals(SchemaChangePolicy.FAIL, other.onSchemaChange());
    assertEquals("extract.on-schema-change", other.onSchemaChangeKey());
    assertEquals("extract.queries.v.on-schema-change = 'merge' is not a schema-change policy; use one of [evolve, fail, ignore_new].",
        error("extract.queries.v.on-schema-change = merge"));
  }

  @Test
  void runNowChoicesThatArriveAsConfigAreValidated() {
    assertTrue(error("extract { overwrite = maybe }").contains("extract.overwrite must be true or false"));
    assertEquals(java.util.List.of(), parse("extract { queries-selected = \"\" }").selectedQueries());
  }

  @Test
  void everyKeyMapsToItsField() {
    ExtractConfig c = parse("""
        extract {
          max-concurrent-queries = 2, format = delta, mode = append, fetch-size = 500, num-partitions = 8, runs-table = ""
          queries-selected = " ventas, otros ,,ventas", overwrite = "true"
          queries {
            ventas { partition-column = fecha, partition-strategy = range, num-partitions = 6, lower-bound = "2024-01-01",
                     upper-bound = "2024-12-31", fetch-size = 50000, format = parquet, mode = incremental,
                     incremental-column = fecha_hora, lookback = "2 days", keys = [id_transaccion, "id hogar"] }
            otros { predicates = ["pais = 'CO'", "pais <> 'CO'"], lookback = 5, keys = [id], mode = incremental, incremental-column = id }
          }
        }""");
    assertEquals(2, c.maxConcurrentQueries());
    assertEquals(OutputFormat.DELTA, c.format());
    assertEquals(WriteMode.APPEND, c.mode());
    assertEquals(500, c.fetchSize());
    assertEquals(8, c.numPartitions());
    assertEquals(Optional.empty(), c.runsTable());
    assertEquals(java.util.List.of("ventas", "otros"), c.selectedQueries());
    assertTrue(c.overwrite());
    QueryOptions v = c.query("ventas");
    assertEquals(Optional.of("fecha"), v.partitionColumn());
    assertEquals(PartitionStrategy.RANGE, v.partitionStrategy());
    assertEquals(Optional.of(6), v.numPartitions());
    assertEquals(LocalDate.of(2024, 1, 1), v.lowerBound().orElseThrow().value());
    assertEquals(LocalDate.of(2024, 12, 31), v.upperBound().orElseThrow().value());
    assertEquals(Optional.of(50000), v.fetchSize());
    assertEquals(Optional.of(OutputFormat.PARQUET), v.format());
    assertEquals(Optional.of(WriteMode.INCREMENTAL), v.mode());
    assertEquals(Optional.of("fecha_hora"), v.incrementalColumn());
    assertEquals(Optional.of(Duration.ofDays(2)), v.lookback().orElseThrow().duration());
    assertEquals(List.of("id_transaccion", "id hogar"), v.keys());
    QueryOptions o = c.query("otros");
    assertEquals(List.of("pais = 'CO'", "pais <> 'CO'"), o.predicates());
    assertEquals(Optional.of(new BigDecimal("5")), o.lookback().orElseThrow().amount());
  }

  @Test
  void unknownKeysFailNamingThePath() {
    assertTrue(error("extract { max-concurrent = 3 }").contains("extract.max-concurrent"));
    assertTrue(error("extract.queries.ventas { partiton-column = id }").contains("extract.queries.ventas.partiton-column"));
  }

  @Test
  void unknownEnumValuesFailNamingThePath() {
    assertTrue(error("extract.format = csv").contains("extract.format = 'csv'"));
    assertTrue(error("extract.queries.v.mode = upsert").contains("extract.queries.v.mode"));
    assertTrue(error("extract.queries.v { partition-column = id, partition-strategy = random }").contains("extract.queries.v.partition-strategy"));
  }

  @Test
  void groupsAreAllOrNone() {
    assertTrue(error("extract.queries.v { partition-column = id, lower-bound = 1 }").contains("lower-bound and extract.queries.v.upper-bound go together"));
    assertTrue(error("extract.queries.v { lower-bound = 1, upper-bound = 2 }").contains("need extract.queries.v.partition-column"));
    assertTrue(error("extract.queries.v { num-partitions = 4 }").contains("extract.queries.v.num-partitions needs"));
    assertTrue(error("extract.queries.v { partition-column = id, predicates = [\"a = 1\"] }").contains("exclude each other"));
    assertTrue(error("extract.queries.v { mode = incremental }").contains("extract.queries.v.incremental-column"));
    assertTrue(error("extract.queries.v { incremental-column = id, mode = append }").contains("extract.queries.v.mode = append"));
    assertTrue(error("extract.queries.v { mode = incremental, incremental-column = id, lookback = 5 }").contains("extract.queries.v.keys"));
  }

  @Test
  void lowerMustNotExceedUpperAndKindsMustAgree() {
    assertTrue(error("extract.queries.v { partition-column = id, lower-bound = 10, upper-bound = 2 }").contains("must be <="));
    assertTrue(error("extract.queries.v { partition-column = id, lower-bound = 1, upper-bound = \"2024-01-01\" }").contains("must both be"));
    assertTrue(error("extract.queries.v { partition-column = id, lower-bound = abc, upper-bound = 2 }").contains("extract.queries.v.lower-bound = 'abc'"));
  }

  @Test
  void numbersMustBePositive() {
    assertTrue(error("extract.max-concurrent-queries = 0").contains("extract.max-concurrent-queries must be at least 1"));
    assertTrue(error("extract.fetch-size = lots").contains("extract.fetch-size must be a whole number"));
  }

  @Test
  void settingsApplyCommandLineOverridesLast() {
    ExtractConfig c = parse("extract { format = parquet, queries.v { format = delta, mode = append, fetch-size = 7 } }");
    QuerySettings s = QuerySettings.resolve(c, "v", Optional.empty(), false);
    assertEquals(OutputFormat.DELTA, s.format());
    assertEquals(WriteMode.APPEND, s.mode());
    assertEquals(7, s.fetchSize());
    QuerySettings o = QuerySettings.resolve(c, "v", Optional.of(OutputFormat.PARQUET), true);
    assertEquals(OutputFormat.PARQUET, o.format());
    assertEquals(WriteMode.OVERWRITE, o.mode());
    assertEquals(WriteMode.SKIP_EXISTING, QuerySettings.resolve(c, "other", Optional.empty(), false).mode());
  }

  @Test
  void anIncrementalColumnWithoutAModeMeansIncremental() {
    ExtractConfig c = parse("extract.queries.v { incremental-column = id }");
    assertEquals(Optional.of(WriteMode.INCREMENTAL), c.query("v").mode());
    assertEquals(WriteMode.INCREMENTAL, QuerySettings.resolve(c, "v", Optional.empty(), false).mode());
    assertEquals(WriteMode.OVERWRITE, QuerySettings.resolve(c, "v", Optional.empty(), true).mode(), "--overwrite still reloads fully");
  }

  @Test
  void keysWithParquetAreAnError() {
    ExtractConfig c = parse("extract.queries.v { mode = incremental, incremental-column = id, keys = [id] }");
    ConfigException e = assertThrows(ConfigException.class, () -> QuerySettings.resolve(c, "v", Optional.empty(), false));
    assertTrue(e.getMessage().contains("extract.queries.v.keys needs Delta"), e.getMessage());
  }

  @Test
  void tablesByNameCarryTheirOwnKeysAndTheQueryKeys() {
    ExtractConfig c = parse("""
        extract {
          target-rows-per-partition = 5000
          max-partitions = 8
          tables.ventas { table = "dbo.J_Ventas_{country_code}", columns = [id, "id hogar"], where = "pais = 'CO'",
            mode = incremental, format = delta, keys = [id], target-rows-per-partition = 100 }
        }
        """);
    TableSpec t = c.tables().get("ventas");
    assertEquals("dbo.J_Ventas_{country_code}", t.table());
    assertEquals(java.util.List.of("id", "id hogar"), t.columns());
    assertEquals(Optional.of("pais = 'CO'"), t.where());
    assertEquals(Optional.of(100L), t.targetRowsPerPartition());
    assertEquals(Optional.of(WriteMode.INCREMENTAL), c.query("ventas").mode());
    assertEquals(Optional.empty(), c.query("ventas").incrementalColumn(), "the watermark is chosen at run time");
    assertTrue(c.isTable("ventas"));
    assertEquals(5000L, c.targetRowsPerPartition());
    assertEquals(8, c.maxPartitions());
  }

  @Test
  void tableErrorsNameTheKey() {
    assertTrue(error("extract.tables.v { columns = [a] }").contains("extract.tables.v.table is missing"));
    assertTrue(error("extract.tables.v { table = t, colums = [a] }").contains("Unknown key extract.tables.v.colums"));
    assertTrue(error("extract { tables.v { table = t }, queries.v { num-partitions = 2, partition-column = id } }")
        .contains("extract.queries.v and extract.tables.v name the same output"));
    assertTrue(error("extract.queries.v { mode = incremental }").contains("needs extract.queries.v.incremental-column"),
        "templates still need an explicit watermark");
    assertTrue(error("extract.target-rows-per-partition = 0").contains("extract.target-rows-per-partition must be at least 1"));
  }

  @Test
  void changesModeIsForTablesAndReadsOnStale() {
    ExtractConfig c = parse("extract.tables { v { table = \"dbo.V\", mode = changes, on-stale = resnapshot }, w { table = \"dbo.W\", mode = changes } }");
    assertEquals(WriteMode.CHANGES, QuerySettings.resolve(c, "v", Optional.empty(), false).mode());
    assertEquals(OnStale.RESNAPSHOT, c.tables().get("v").changes().onStale());
    assertEquals(OnStale.FAIL, c.tables().get("w").changes().onStale(), "failing is the default");
    assertEquals(WriteMode.CHANGES, QuerySettings.resolve(c, "w", Optional.empty(), true).mode(),
        "--overwrite of a changes table is a re-snapshot that records its version, not a plain overwrite");
    assertTrue(error("extract.tables.v { table = \"dbo.V\", mode = changes, on-stale = later }")
        .contains("extract.tables.v.on-stale = 'later' is not known; use one of [fail, resnapshot]"));
    assertTrue(error("extract.tables.v { table = \"dbo.V\", mode = append, on-stale = resnapshot }")
        .contains("extract.tables.v.on-stale is only read by mode = changes"));
    ExtractConfig template = parse("extract.queries.q { mode = changes }");
    ConfigException e = assertThrows(ConfigException.class, () -> QuerySettings.resolve(template, "q", Optional.empty(), false));
    assertTrue(e.getMessage().contains("Query 'q' runs in mode = changes, which reads one table's change log; a template cannot:"
        + " declare it as extract.tables.q"), e.getMessage());
  }
}
