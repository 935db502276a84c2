package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ConfigLoader;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.QueryOptions;
import com.kwp.bridge.extract.SchemaPreview;
import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.template.QueryTemplates;
import com.kwp.bridge.template.SqlTemplate;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code bridge list-queries}: the queries a run would extract, their placeholders and partitioning. */
public final class ListQueriesCommand extends OptionsCommand {
  static final List<Opt> OPTIONS = List.of(
      Opt.required("queries-path", "dir", "folder of .sql templates"),
      Opt.optional("config-path", "dir", "config folder, to show each query's extract options and the tables by name"),
      Opt.optional("country", "name", "with --config-path: connect to the source and show what automatic planning chooses for each table"),
      Opt.optional("destination", "path|catalog.schema",
          "with --country: compare each query's columns with its existing output there and say what a run would do (starts Spark)"),
      Opt.repeated("param", "k=v", "template parameter, highest precedence (repeatable)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence (repeatable)"));

  ListQueriesCommand() {
    super("list-queries", "list the .sql templates, their placeholders and extract options", OPTIONS);
  }

  @Override
  void run(Parsed p) {
    Path dir = Path.of(p.require("queries-path"));
    if (p.get("country").isPresent() && p.get("config-path").isPresent()) {
      String country = p.get("country").get();
      com.typesafe.config.Config loaded = CommandLine.loadConfig(p, country);
      ExtractConfig config = ExtractConfig.from(loaded);
      List<String> out = new java.util.ArrayList<>();
      var source = com.kwp.bridge.config.ConnectionConfigs.from(loaded, "source");
      var dialect = com.kwp.bridge.dialect.Dialects.forUrl(source.url());
      var params = com.kwp.bridge.template.TemplateParams.from(loaded, Path.of(p.require("config-path")), country);
      var planner = new com.kwp.bridge.extract.ReadPlanner(source, dialect, config, params, dir);
      var destination = p.get("destination").map(com.kwp.bridge.lake.Destination::parse);
      // Spark only when asked: the outputs' schemas are in Delta logs and Parquet footers.
      SparkSession spark = destination.isPresent() ? SparkSessions.obtain("bridge-list-queries") : null;
      try {
        java.util.function.Consumer<String> schema = name -> destination.ifPresent(d ->
            SchemaPreview.lines(spark, planner, source, config, d, name).forEach(l -> out.add("    " + l)));
        for (String name : java.nio.file.Files.isDirectory(dir) ? QueryTemplates.names(dir) : List.<String>of()) {
          out.add(templateLine(dir, name, config));
          schema.accept(name);
        }
        for (String name : new java.util.TreeSet<>(config.tables().keySet())) {
          out.add(tableLine(config.tables().get(name)));
          var e = com.kwp.bridge.extract.TableExplainer.explain(planner, planner.source(name), config);
          e.lines().forEach(l -> out.add("    " + l));
          schema.accept(name);
        }
      } finally {
        SparkSessions.releaseIfLocal(spark);
      }
      out.forEach(System.out::println);
      return;
    }
    ExtractConfig config = p.get("config-path")
        .map(c -> ExtractConfig.from(ConfigLoader.load(ConfigLoader.Request.of(Path.of(c), null))))
        .orElse(null);
    lines(dir, config).forEach(System.out::println);
  }

  /** A table by name: its source table, columns and filter, and its extract options (no connection needed). */
  static String tableLine(com.kwp.bridge.config.TableSpec t) {
    StringBuilder line = new StringBuilder(String.format("%-24s table: %s", t.name(), t.table()));
    if (!t.columns().isEmpty()) {
      line.append("  columns: ").append(String.join(", ", t.columns()));
    }
    t.where().ifPresent(w -> line.append("  where: ").append(w));
    String options = describe(t.options());
    line.append(options.isEmpty() ? "" : "  " + options);
    return line.toString().strip();
  }

  /** One line per template (name, placeholders, extract options when config is given), then one per table by name. */
  static List<String> lines(Path dir, ExtractConfig config) {
    List<String> out = new java.util.ArrayList<>(config != null && !config.tables().isEmpty() && !java.nio.file.Files.isDirectory(dir)
        ? List.of() : templateLines(dir, config));
    if (config != null) {
      new java.util.TreeSet<>(config.tables().keySet()).forEach(n -> out.add(tableLine(config.tables().get(n))));
    }
    return out;
  }

  private static List<String> templateLines(Path dir, ExtractConfig config) {
    List<String> out = new java.util.ArrayList<>();
    for (String name : QueryTemplates.names(dir)) {
      out.add(templateLine(dir, name, config));
    }
    return out;
  }

  private static String templateLine(Path dir, String name, ExtractConfig config) {
    SqlTemplate t = QueryTemplates.load(dir, name);
    StringBuilder line = new StringBuilder(String.format("%-24s placeholders: %s", name,
        String.join(", ", t.placeholders().stream().map(n -> "{" + n + "}").toList())));
    if (config != null) {
      line.append("  ").append(describe(config.query(name)));
    }
    return line.toString().strip();
  }

  static String describe(QueryOptions q) {
    StringBuilder sb = new StringBuilder();
    q.partitionColumn().ifPresent(c -> sb.append("partition-column=").append(c).append(' '));
    q.numPartitions().ifPresent(n -> sb.append("num-partitions=").append(n).append(' '));
    if (!q.predicates().isEmpty()) {
      sb.append("predicates=").append(q.predicates().size()).append(' ');
    }
    q.mode().ifPresent(m -> sb.append("mode=").append(m.key()).append(' '));
    q.format().ifPresent(f -> sb.append("format=").append(f.key()).append(' '));
    q.incrementalColumn().ifPresent(c -> sb.append("incremental-column=").append(c).append(' '));
    q.onSchemaChange().ifPresent(p -> sb.append("on-schema-change=").append(p.key()).append(' '));
    return sb.toString().trim();
  }
}
