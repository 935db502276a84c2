package com.kwp.bridge.cli;

import com.kwp.bridge.config.ConfigLoader;
import com.kwp.bridge.config.ConnectionConfigs;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.LoggingConfig;
import com.kwp.bridge.logging.Logging;
import com.kwp.bridge.progress.ProgressReporter;
import com.kwp.bridge.config.OutputFormat;
import com.kwp.bridge.extract.ExtractRequest;
import com.kwp.bridge.extract.ExtractRunner;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.extract.QuerySelection;
import com.kwp.bridge.lake.Destination;
import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.template.QueryTemplates;
import com.kwp.bridge.template.TemplateParams;
import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * Main class of the extract JAR task: parse arguments, load config, obtain the session, run, and fail by
 * throwing (naming every failed query). Never calls System.exit; stops the session only locally.
 */
public final class ExtractJob {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ExtractJob.class.getName());

  private ExtractJob() {}

  public static void main(String[] args) {
    try {
      GlobalFlags flags = GlobalFlags.parse(args, System.getenv());
      var parsed = ExtractArgs.parse(flags.rest());
      if (parsed.isEmpty()) {
        return;
      }
      Config config = config(parsed.get(), System.getenv());
      LoggingConfig logging = LoggingConfig.from(config);
      Logging.install(Optional.of(flags.logFormat().orElse(logging.format())), flags.debug());
      ExtractRequest request = request(parsed.get(), config);
      SparkSession spark = SparkSessions.obtain("ExtractJob " + request.country());
      try {
        new ExtractRunner(spark, System.out, logging.progressInterval(), ProgressReporter.terminalOrNull()).run(request);
      } finally {
        SparkSessions.releaseIfLocal(spark);
      }
    } catch (Exception e) { // Scala code throws checked exceptions undeclared
      throw ErrorReport.forJob(e);
    }
  }

  /** Runs in a session the caller owns (tests, the demo); returns the results or throws. */
  public static List<QueryResult> run(SparkSession spark, ExtractArgs args, Map<String, String> env, PrintStream out) {
    return new ExtractRunner(spark, out).run(request(args, env));
  }

  /** Loads and validates everything a run needs before any Spark work starts. */
  public static ExtractRequest request(ExtractArgs args, Map<String, String> env) {
    return request(args, config(args, env));
  }

  /** The layered configuration of a run. */
  static Config config(ExtractArgs args, Map<String, String> env) {
    return ConfigLoader.load(new ConfigLoader.Request(args.configPath(), args.country(), args.params(), args.confOverrides(), env));
  }

  static ExtractRequest request(ExtractArgs args, Config config) {
    ExtractConfig extract = ExtractConfig.from(config);
    // --query flags and extract.queries-selected (how a Databricks "Run now" picks queries) add up.
    List<String> wanted = java.util.stream.Stream.concat(args.queries().stream(), extract.selectedQueries().stream())
        .distinct().toList();
    QuerySelection.Selected selected = QuerySelection.select(args.queriesPath(), extract, wanted, args.tables());
    extract = selected.config();
    List<String> queries = selected.names();
    List<String> known = java.nio.file.Files.isDirectory(args.queriesPath()) ? QueryTemplates.names(args.queriesPath()) : List.of();
    extract.queries().keySet().stream().filter(q -> !known.contains(q)).forEach(q -> LOG.warning(
        "extract.queries." + q + " is configured but " + args.queriesPath().resolve(q + ".sql") + " does not exist (typo?)"));
    return new ExtractRequest(
        args.runId().orElse(UUID.randomUUID().toString()),
        args.country(),
        args.queriesPath(),
        queries,
        Destination.parse(args.destination()),
        ConnectionConfigs.from(config, "source"),
        TemplateParams.from(config, args.configPath(), args.country()),
        extract,
        args.format().map(f -> OutputFormat.parse("--format", f)),
        args.overwrite() || extract.overwrite());
  }
}
