package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import java.util.Optional;

/**
 * The effective settings of one query in one run: its {@link QueryOptions} over the run-level defaults, with
 * the command line's {@code --format} and {@code --overwrite} applied last.
 */
public record QuerySettings(
    QueryOptions options, OutputFormat format, WriteMode mode, int fetchSize, int numPartitions, SchemaChangePolicy onSchemaChange,
    String onSchemaChangeKey) {

  /**
   * Resolves a query's settings. {@code --format} beats the query's and the run's format; {@code --overwrite}
   * turns every mode into overwrite (a full reload, also for incremental queries).
   */
  public static QuerySettings resolve(ExtractConfig run, String query, Optional<OutputFormat> cliFormat, boolean overwrite) {
    QueryOptions q = run.query(query);
    OutputFormat format = cliFormat.orElse(q.format().orElse(run.format()));
    WriteMode configured = q.mode().orElse(run.mode());
    // --overwrite of a changes table is a re-snapshot, which must record its change version (extract/ChangesExtractor)
    WriteMode mode = overwrite && configured != WriteMode.CHANGES ? WriteMode.OVERWRITE : configured;
    boolean table = run.isTable(query);
    String path = ExtractConfig.SECTION + "." + (table ? ExtractConfig.TABLES : ExtractConfig.QUERIES) + "." + query;
    ConfigException.check(mode != WriteMode.CHANGES || table,
        "Query '%s' runs in mode = changes, which reads one table's change log; a template cannot: declare it as %s.%s.%s"
            + " { table = \"dbo.X\", mode = changes } or give it another mode.", query, ExtractConfig.SECTION, ExtractConfig.TABLES, query);
    // a table with no incremental-column gets one chosen from its metadata (extract/WatermarkChooser)
    ConfigException.check(mode != WriteMode.INCREMENTAL || table || q.incrementalColumn().isPresent(),
        "Query '%s' runs in incremental mode (extract.mode) but has no %s.%s.", query, path, ExtractConfig.INCREMENTAL_COLUMN);
    ConfigException.check(format != OutputFormat.PARQUET || q.keys().isEmpty(),
        "%s.%s needs Delta output (MERGE); Parquet can only append. Set %s.format = delta or remove the keys.",
        path, ExtractConfig.KEYS, path);
    // the key that decided, so a refusal names the setting to change
    String policyKey = q.onSchemaChange().isPresent() ? path + "." + ExtractConfig.ON_SCHEMA_CHANGE
        : ExtractConfig.SECTION + "." + ExtractConfig.ON_SCHEMA_CHANGE;
    return new QuerySettings(q, format, mode, q.fetchSize().orElse(run.fetchSize()), q.numPartitions().orElse(run.numPartitions()),
        q.onSchemaChange().orElse(run.onSchemaChange()), policyKey);
  }

  public String name() {
    return options.name();
  }
}
