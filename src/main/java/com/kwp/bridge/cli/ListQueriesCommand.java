package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ConfigLoader;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.QueryOptions;
import com.kwp.bridge.template.QueryTemplates;
import com.kwp.bridge.template.SqlTemplate;
import java.nio.file.Path;
import java.util.List;

/** {@code bridge list-queries}: the queries a run would extract, their placeholders and partitioning. */
public final class ListQueriesCommand extends OptionsCommand {
  static final List<Opt> OPTIONS = List.of(
      Opt.required("queries-path", "dir", "folder of .sql templates"),
      Opt.optional("config-path", "dir", "config folder, to show each query's extract options"));

  ListQueriesCommand() {
    super("list-queries", "list the .sql templates, their placeholders and extract options", OPTIONS);
  }

  @Override
  void run(Parsed p) {
    Path dir = Path.of(p.require("queries-path"));
    ExtractConfig config = p.get("config-path")
        .map(c -> ExtractConfig.from(ConfigLoader.load(ConfigLoader.Request.of(Path.of(c), null))))
        .orElse(null);
    lines(dir, config).forEach(System.out::println);
  }

  /** One line per template: name, placeholders and (when config is given) its extract options. */
  static List<String> lines(Path dir, ExtractConfig config) {
    List<String> out = new java.util.ArrayList<>();
    for (String name : QueryTemplates.names(dir)) {
      SqlTemplate t = QueryTemplates.load(dir, name);
      StringBuilder line = new StringBuilder(String.format("%-24s placeholders: %s", name,
          String.join(", ", t.placeholders().stream().map(n -> "{" + n + "}").toList())));
      if (config != null) {
        line.append("  ").append(describe(config.query(name)));
      }
      out.add(line.toString().strip());
    }
    return out;
  }

  private static String describe(QueryOptions q) {
    StringBuilder sb = new StringBuilder();
    q.partitionColumn().ifPresent(c -> sb.append("partition-column=").append(c).append(' '));
    q.numPartitions().ifPresent(n -> sb.append("num-partitions=").append(n).append(' '));
    if (!q.predicates().isEmpty()) {
      sb.append("predicates=").append(q.predicates().size()).append(' ');
    }
    q.mode().ifPresent(m -> sb.append("mode=").append(m.key()).append(' '));
    q.format().ifPresent(f -> sb.append("format=").append(f.key()).append(' '));
    q.incrementalColumn().ifPresent(c -> sb.append("incremental-column=").append(c).append(' '));
    return sb.toString().trim();
  }
}
