package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.security.Redactor;
import com.kwp.bridge.security.Secret;
import com.kwp.bridge.template.TemplateParams;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code bridge show-params --config-path conf --country X}: every resolved template parameter, source
 * connection setting and bridge table with where it came from; secrets masked, URLs redacted.
 */
public final class ShowParamsCommand extends OptionsCommand {
  static final List<Opt> OPTIONS = List.of(
      Opt.required("config-path", "dir", "folder with common.conf and <Country>.conf"),
      Opt.required("country", "name", "country whose conf/<Country>.conf applies"),
      Opt.repeated("param", "k=v", "template parameter, highest precedence (repeatable)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence (repeatable)"));

  ShowParamsCommand() {
    super("show-params", "show resolved template parameters, connection settings and bridge tables, each with its origin (secrets masked)",
        OPTIONS);
  }

  @Override
  void run(Parsed p) {
    Path dir = Path.of(p.require("config-path"));
    String country = p.require("country");
    Config config = CommandLine.loadConfig(p, country);
    print(config, dir, country, System.out);
  }

  /** Writes the report; separated from {@link #run} so tests can capture it. */
  static void print(Config config, Path dir, String country, PrintStream out) {
    out.println("Template parameters for " + country + " (highest precedence wins: --param > environment > "
        + country + ".conf > common.conf):");
    for (TemplateParams.Param param : TemplateParams.from(config, dir, country).values().values()) {
      String value = Redactor.isSecretKey(param.name()) ? Secret.MASK : Redactor.redactText(param.value());
      out.printf("  %-20s = %-30s (%s)%n", param.name(), value, param.origin());
    }
    out.println("Source connection:");
    for (Map.Entry<String, ConfigValue> e : config.getConfig("source").entrySet()) {
      String key = "source." + e.getKey();
      String raw = String.valueOf(e.getValue().unwrapped());
      String value = Redactor.isSecretKey(key) ? (raw.isEmpty() ? "" : Secret.MASK)
          : key.equals("source.url") ? Redactor.redactUrl(raw) : Redactor.redactText(raw);
      out.printf("  %-20s = %-30s (%s)%n", key, value, e.getValue().origin().description());
    }
    // as the jobs will use them: a relative path is resolved against the working directory once, when read
    out.println("Bridge tables (relative paths resolved against " + java.nio.file.Path.of("").toAbsolutePath() + "):");
    TablesConfig tables = TablesConfig.from(config);
    Map<String, String> locations = new java.util.LinkedHashMap<>();
    locations.put(TablesConfig.EVENTS, tables.events());
    locations.put(TablesConfig.STATUS, tables.status());
    locations.put(TablesConfig.AUDIT, tables.audit());
    locations.put(RUNS_TABLE, ExtractConfig.runsTable(config).orElse("(none)"));
    locations.forEach((key, value) -> out.printf("  %-20s = %-30s (%s)%n", key, value,
        config.hasPath(key) ? config.getValue(key).origin().description() : "default"));
  }

  private static final String RUNS_TABLE = ExtractConfig.SECTION + "." + ExtractConfig.RUNS_TABLE;
}
