package com.kwp.bridge.cli;

import com.kwp.bridge.adhoc.AdHocQuery;
import com.kwp.bridge.adhoc.TextTable;
import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.ConnectionConfigs;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.TableSpec;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.extract.CatalogColumn;
import com.kwp.bridge.extract.CatalogIndex;
import com.kwp.bridge.extract.ReadPlanner;
import com.kwp.bridge.extract.TableExplainer;
import com.kwp.bridge.extract.TableSource;
import com.kwp.bridge.extract.TableMetadata;
import com.kwp.bridge.template.TemplateParams;
import com.typesafe.config.Config;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bridge run-query --config-path conf --country X "SELECT ..."}: an ad-hoc look-up on the extract
 * source, at most {@code --limit} rows as an aligned table; {@code run-query ... INFO <table>}: the table's
 * columns, keys, indexes, row estimate and what an extract would choose for partitioning and watermark.
 */
public final class RunQueryCommand implements Command {
  static final String NAME = "run-query";
  static final String SUMMARY = "run one read-only SELECT on the source (or INFO <table>) and print the rows";
  static final int DEFAULT_LIMIT = 20;
  static final List<Opt> OPTIONS = List.of(
      Opt.required("config-path", "dir", "folder with common.conf and <Country>.conf"),
      Opt.optional("country", "name", "country whose conf/<Country>.conf applies"),
      Opt.optional("limit", "n", "print at most n rows (default " + DEFAULT_LIMIT + ")"),
      Opt.repeated("param", "k=v", "template parameter, highest precedence (repeatable)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence (repeatable)"));
  private static final Set<String> VALUED = Set.of("--config-path", "--country", "--limit", "--param", "--conf");

  private final PrintStream out;

  RunQueryCommand() {
    this(System.out);
  }

  RunQueryCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return SUMMARY;
  }

  @Override
  public void run(String[] args) {
    List<String> options = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (VALUED.contains(args[i]) && i + 1 < args.length) {
        options.add(args[i]);
        options.add(args[++i]);
      } else if (args[i].startsWith("--")) {
        options.add(args[i]);
      } else {
        words.add(args[i]);
      }
    }
    String usage = "usage: bridge run-query --config-path conf [--country X] [--limit n] \"SELECT ...\" | INFO <table>";
    Optional<Parsed> parsed = CommandLine.parseOrHelp(NAME, SUMMARY + "\n" + usage, OPTIONS, options.toArray(String[]::new));
    if (parsed.isEmpty()) {
      return;
    }
    Parsed p = parsed.get();
    if (words.isEmpty()) {
      throw new UsageException("run-query needs a statement in quotes or INFO <table>.\n" + usage);
    }
    int limit = limit(p);
    String country = p.get("country").orElse(null);
    Config config = CommandLine.loadConfig(p, country);
    ConnectionConfig source = ConnectionConfigs.from(config, "source");
    SqlDialect dialect = Dialects.forUrl(source.url());
    if (words.get(0).equalsIgnoreCase("INFO")) {
      if (words.size() != 2) {
        throw new UsageException("run-query INFO takes one table name, e.g. INFO dbo.J_Ventas_CO.\n" + usage);
      }
      info(config, source, dialect, Path.of(p.require("config-path")), country, words.get(1));
      return;
    }
    AdHocQuery.Result r = new AdHocQuery(source, dialect).run(String.join(" ", words), limit);
    out.print(TextTable.render(r.columns(), r.rows()));
    out.println("(" + r.rows().size() + (r.rows().size() == 1 ? " row" : " rows")
        + (r.more() ? "; more rows exist, raise --limit to see them" : "") + ")");
  }

  private static int limit(Parsed p) {
    String v = p.get("limit").orElse(String.valueOf(DEFAULT_LIMIT));
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UsageException("--limit must be a whole number of at least 1, got '" + v + "'");
  }

  /**
   * INFO: a configured table's name or any source table name ({@code {param}} placeholders allowed). It writes no
   * output, so the configured queries' names do not matter; when an {@code extract.tables.<name>} entry reads the
   * table, that entry's settings are shown and planned with.
   */
  private void info(Config config, ConnectionConfig source, SqlDialect dialect, Path configDir, String country, String table) {
    ExtractConfig extract = ExtractConfig.from(config);
    TemplateParams params = TemplateParams.from(config, configDir, country);
    Optional<TableSpec> configured = extract.isTable(table) ? Optional.of(extract.tables().get(table))
        : entryFor(extract, table, params, dialect);
    TableSpec spec = configured.orElseGet(() -> TableSpec.adHoc(TableName.parse(table).table(), table));
    ExtractConfig only = extract.withOnlyTable(spec);
    ReadPlanner planner = new ReadPlanner(source, dialect, only, params, configDir);
    TableExplainer.Explanation e = TableExplainer.explain(planner, planner.source(spec.name()), only);
    out.print(render(e, configured.map(RunQueryCommand::settings)
        .orElse("defaults (no " + ExtractConfig.SECTION + "." + ExtractConfig.TABLES + " entry names " + e.table().table() + ")")));
  }

  /** The first configured table (by name) that reads {@code table}; name parts compared ignoring case. */
  private static Optional<TableSpec> entryFor(ExtractConfig extract, String table, TemplateParams params, SqlDialect dialect) {
    TableName wanted = TableSource.resolve(TableSpec.adHoc("info", table), params, dialect).table();
    for (String name : new java.util.TreeSet<>(extract.tables().keySet())) {
      TableSpec spec = extract.tables().get(name);
      try {
        TableName t = TableSource.resolve(spec, params, dialect).table();
        if (samePart(t.catalog(), wanted.catalog()) && samePart(t.schema(), wanted.schema()) && samePart(t.table(), wanted.table())) {
          return Optional.of(spec);
        }
      } catch (BridgeException unresolved) {
        // an entry whose placeholders have no value here names no table INFO could be asked about
      }
    }
    return Optional.empty();
  }

  private static boolean samePart(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  /** A configured table's settings in one line. */
  private static String settings(TableSpec t) {
    List<String> parts = new ArrayList<>();
    String options = ListQueriesCommand.describe(t.options());
    if (!options.isEmpty()) {
      parts.add(options);
    }
    if (!t.columns().isEmpty()) {
      parts.add("columns: " + String.join(", ", t.columns()));
    }
    t.where().ifPresent(w -> parts.add("where: " + w));
    t.targetRowsPerPartition().ifPresent(n -> parts.add(ExtractConfig.TARGET_ROWS_PER_PARTITION + "=" + n));
    return ExtractConfig.SECTION + "." + ExtractConfig.TABLES + "." + t.name() + " (" + (parts.isEmpty() ? "defaults" : String.join("; ", parts)) + ")";
  }

  static String render(TableExplainer.Explanation e, String settings) {
    TableMetadata md = e.metadata();
    StringBuilder sb = new StringBuilder("table: " + md.table() + System.lineSeparator());
    List<List<String>> rows = new ArrayList<>();
    for (CatalogColumn c : md.columns()) {
      List<String> keys = new ArrayList<>();
      for (CatalogIndex i : md.indexes()) {
        int pos = i.columns().indexOf(c.name());
        if (pos >= 0) {
          keys.add((i.primary() ? "PK" : i.name()) + (i.columns().size() > 1 ? "#" + (pos + 1) : ""));
        }
      }
      rows.add(List.of(c.name(), c.typeName(), c.notNull() ? "NOT NULL" : "NULL", c.identity() ? "identity" : c.isRowversion() ? "rowversion" : "",
          String.join(", ", keys)));
    }
    sb.append(TextTable.render(List.of("column", "type", "null", "kind", "keys"), rows));
    sb.append("indexes: ").append(md.indexes().isEmpty() ? "(none)" : String.join("; ", md.indexes().stream().map(CatalogIndex::toString).toList()))
        .append(System.lineSeparator());
    sb.append("row estimate: ").append(md.rowEstimate().isPresent() ? String.format(Locale.ROOT, "%,d", md.rowEstimate().getAsLong())
        : "unknown").append(System.lineSeparator());
    sb.append("settings: ").append(settings).append(System.lineSeparator());
    e.lines().forEach(l -> sb.append(l).append(System.lineSeparator()));
    return sb.toString();
  }
}
