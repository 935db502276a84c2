package com.kwp.bridge.extract;

import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.TableSpec;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.TemplateException;
import com.kwp.bridge.template.TemplateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a table extracted by name into the SQL a template would have given: {@code SELECT columns FROM
 * table [WHERE where]}. {@code {param}} placeholders in the table name are resolved as names: the text is
 * split into parts first and each part filled and rendered on its own (plain names as written, others
 * quoted), so a parameter value can never add a part or leave the name. A name that is one placeholder and
 * nothing else may take a dotted value ({@code table = "{sales_table}"} with {@code dbo.ventas}).
 */
public final class TableSource {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private TableSource() {}

  /** A table ready to read: its parsed name, the name as SQL, and the whole-table query. */
  public record ResolvedTable(String output, TableName table, String renderedName, String where, String sql) {}

  public static ResolvedTable resolve(TableSpec spec, TemplateParams params, SqlDialect dialect) {
    String path = ExtractConfig.SECTION + "." + ExtractConfig.TABLES + "." + spec.name() + "." + ExtractConfig.TABLE;
    TableName name = name(path, spec.table(), params);
    String rendered = dialect.names().renderName(name);
    List<String> columns = spec.columns().stream().map(dialect.names()::renderNamePart).toList();
    String where = spec.where().orElse(null);
    return new ResolvedTable(spec.name(), name, rendered, where, dialect.reads().tableQuery(rendered, columns, where));
  }

  /** The table name with its placeholders filled; every missing parameter is reported at once. */
  static TableName name(String path, String text, TemplateParams params) {
    Matcher whole = PLACEHOLDER.matcher(text.trim());
    List<String> missing = new ArrayList<>();
    if (whole.matches()) {
      String value = value(path, whole.group(1), params, missing);
      failIfMissing(path, text, missing, params);
      return parse(path, value);
    }
    TableName raw = parse(path, text);
    String catalog = fill(path, raw.catalog(), params, missing);
    String schema = fill(path, raw.schema(), params, missing);
    String table = fill(path, raw.table(), params, missing);
    failIfMissing(path, text, missing, params);
    return new TableName(catalog, schema, table);
  }

  private static String fill(String path, String part, TemplateParams params, List<String> missing) {
    if (part == null) {
      return null;
    }
    Matcher m = PLACEHOLDER.matcher(part);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(path, m.group(1), params, missing)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String value(String path, String name, TemplateParams params, List<String> missing) {
    var p = params.get(name);
    if (p.isEmpty()) {
      if (!missing.contains(name)) {
        missing.add(name);
      }
      return "";
    }
    String v = p.get().value();
    if (v.isBlank() || v.chars().anyMatch(Character::isISOControl)) {
      throw new TemplateException(path + ": {" + name + "} stands for a name, but its value is empty or contains control characters.");
    }
    return v;
  }

  private static void failIfMissing(String path, String text, List<String> missing, TemplateParams params) {
    if (!missing.isEmpty()) {
      throw new TemplateException(path + " = \"" + text + "\": " + (missing.size() == 1 ? "placeholder " : "placeholders ")
          + String.join(", ", missing.stream().map(n -> "{" + n + "}").toList()) + " not resolved. Looked in: "
          + params.placesLookedIn(missing.get(0)) + ".");
    }
  }

  private static TableName parse(String path, String text) {
    try {
      return TableName.parse(text);
    } catch (BridgeException e) {
      throw new TemplateException(path + ": " + e.getMessage() + "; write [database.]schema.table.");
    }
  }
}
