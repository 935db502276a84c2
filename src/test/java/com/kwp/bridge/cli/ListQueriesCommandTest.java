package com.kwp.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kwp.bridge.config.ConfigLoader;
import com.kwp.bridge.config.ExtractConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample queries/ and conf/ shipped in the repository parse and describe themselves. */
class ListQueriesCommandTest {
  @Test
  void sampleQueriesWithPlaceholdersAndOptions() {
    ExtractConfig config = ExtractConfig.from(ConfigLoader.load(ConfigLoader.Request.of(Path.of("conf"), null)));
    List<String> lines = ListQueriesCommand.lines(Path.of("queries"), config);
    assertEquals(List.of(
        "productos                placeholders: {database}, {schema}, {country_code}",
        "ventas                   placeholders: {factor}, {database}, {schema}, {sales_table}, {country_code}, {start_date}  "
            + "partition-column=id_transaccion num-partitions=4"), lines);
  }

  @Test
  void aTablesSchemaChangeOptionIsListed() {
    ExtractConfig config = ExtractConfig.from(com.typesafe.config.ConfigFactory.parseString(
        "extract.tables.t { table = \"dbo.T\", on-schema-change = ignore-new }"));
    assertEquals("t                        table: dbo.T  on-schema-change=ignore_new", ListQueriesCommand.tableLine(config.tables().get("t")));
  }
}
