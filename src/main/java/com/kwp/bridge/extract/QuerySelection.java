package com.kwp.bridge.extract;

import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.TableSpec;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.template.QueryTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which outputs a run extracts: templates ({@code queries/<name>.sql}) and tables by name
 * ({@code extract.tables.<name>} or {@code --table}). One output name never has two sources.
 */
public final class QuerySelection {
  private QuerySelection() {}

  /** The config with the command line's tables added, and the names to extract, in order. */
  public record Selected(ExtractConfig config, List<String> names) {
    public Selected {
      names = List.copyOf(names);
    }
  }

  /**
   * @param requested names from {@code --query} and {@code extract.queries-selected} (templates or configured tables)
   * @param tables    {@code --table} values: a configured table's name, or a source table name ({@code dbo.X},
   *                  output name {@code X})
   */
  public static Selected select(Path queriesDir, ExtractConfig config, List<String> requested, List<String> tables) {
    boolean hasTables = !config.tables().isEmpty() || !tables.isEmpty();
    List<String> templates = hasTables && !Files.isDirectory(queriesDir) ? List.of() : QueryTemplates.names(queriesDir);
    for (String t : config.tables().keySet()) {
      ConfigException.check(!templates.contains(t), "Output '%s' has two sources: %s and %s.%s.%s; rename one of them.",
          t, queriesDir.resolve(t + ".sql"), ExtractConfig.SECTION, ExtractConfig.TABLES, t);
    }
    Map<String, TableSpec> adHoc = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (String t : tables) {
      String value = t.trim();
      if (config.isTable(value)) {
        add(names, value);
        continue;
      }
      String output;
      try {
        output = TableName.parse(value).table();
      } catch (BridgeException e) {
        throw new ConfigException("--table " + value + ": " + e.getMessage() + "; give [database.]schema.table or a name under extract.tables.");
      }
      ConfigException.check(!templates.contains(output) && !config.isTable(output) && !config.queries().containsKey(output)
              && (!adHoc.containsKey(output) || adHoc.get(output).table().equals(value)),
          "--table %s writes output '%s', which %s already uses; configure it as extract.tables.<another name> { table = \"%s\" }.",
          value, output, templates.contains(output) ? queriesDir.resolve(output + ".sql").toString()
              : adHoc.containsKey(output) ? "--table " + adHoc.get(output).table() : "extract.tables/queries." + output, value);
      adHoc.put(output, TableSpec.adHoc(output, value));
      add(names, output);
    }
    for (String q : requested) {
      String name = q.endsWith(".sql") ? q.substring(0, q.length() - 4) : q;
      if (!templates.contains(name) && !config.isTable(name)) {
        throw new ConfigException("Unknown query '" + q + "': no " + name + ".sql in " + queriesDir.toAbsolutePath()
            + " and no extract.tables." + name + ". Queries: " + (templates.isEmpty() ? "(none)" : String.join(", ", templates))
            + "; tables: " + (config.tables().isEmpty() ? "(none)" : String.join(", ", config.tables().keySet())) + ".");
      }
      add(names, name);
    }
    if (requested.isEmpty() && tables.isEmpty()) {
      templates.forEach(n -> add(names, n));
      config.tables().keySet().stream().sorted().forEach(n -> add(names, n));
      ConfigException.check(!names.isEmpty(), "Nothing to extract: %s has no .sql files and extract.tables is empty.",
          queriesDir.toAbsolutePath());
    }
    return new Selected(config.withTables(adHoc), names);
  }

  private static void add(List<String> names, String name) {
    if (!names.contains(name)) {
      names.add(name);
    }
  }
}
