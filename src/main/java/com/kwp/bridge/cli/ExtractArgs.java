package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** ExtractJob's command line, parsed once into a record. */
public record ExtractArgs(
    Path queriesPath,
    Path configPath,
    String country,
    String destination,
    List<String> queries,
    List<String> tables,
    boolean overwrite,
    Optional<String> format,
    Map<String, String> params,
    Map<String, String> confOverrides,
    Optional<String> runId) {

  /** As typed locally; the same options are the JAR task's parameters of the ExtractJob main class. */
  public static final String PROGRAM = "bridge extract";
  public static final String DESCRIPTION = "SQL Server -> Parquet in Volumes or Delta tables, from .sql templates";

  public static final List<Opt> OPTIONS = List.of(
      Opt.required("queries-path", "dir", "folder of .sql templates (a query's name is its file name without .sql)"),
      Opt.required("config-path", "dir", "folder with common.conf and <Country>.conf"),
      Opt.required("country", "name", "country whose conf/<Country>.conf applies"),
      Opt.required("destination", "path|catalog.schema", "/Volumes/... or a local folder (one folder per query), or catalog.schema for Delta tables"),
      Opt.repeated("query", "name", "extract only this query (repeatable); default: every .sql file and extract.tables entry"),
      Opt.repeated("table", "schema.table", "extract this whole table by name, no .sql file (repeatable; or a name under extract.tables)"),
      Opt.flag("overwrite", "replace existing outputs (default: skip queries whose output exists)"),
      Opt.optional("format", "parquet|delta", "output format for every query (default from config)"),
      Opt.repeated("param", "k=v", "template parameter, highest precedence (repeatable)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence (repeatable)"),
      Opt.optional("run-id", "id", "job run id recorded with results (pass {{job.run_id}} on Databricks)"));

  /** Parses; returns empty when {@code --help} was asked (usage already printed). */
  public static Optional<ExtractArgs> parse(String[] args) {
    Optional<Parsed> parsed = CommandLine.parseOrHelp(PROGRAM, DESCRIPTION, OPTIONS, args);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Parsed p = parsed.get();
    Optional<String> format = p.get("format").map(f -> f.toLowerCase(Locale.ROOT));
    if (format.isPresent() && !List.of("parquet", "delta").contains(format.get())) {
      throw new UsageException("--format must be parquet or delta, got '" + format.get() + "'");
    }
    return Optional.of(new ExtractArgs(
        Path.of(p.require("queries-path")),
        Path.of(p.require("config-path")),
        p.require("country"),
        p.require("destination"),
        p.all("query"),
        p.all("table"),
        p.has("overwrite"),
        format,
        ConfigLoader.parsePairs("--param", p.all("param")),
        ConfigLoader.parsePairs("--conf", p.all("conf")),
        p.get("run-id")));
  }
}
