package com.kwp.bridge.template;

import com.kwp.bridge.dialect.SqlNames;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fills a template's placeholders with parameter values, each rendered by its position: literals escaped by
 * the dialect, identifiers kept when plain and quoted otherwise, expressions as written. Every unresolved
 * placeholder is reported at once, naming the file and the places looked in.
 */
public final class TemplateRenderer {
  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final SqlNames names;

  public TemplateRenderer(SqlNames names) {
    this.names = names;
  }

  /** The SQL text of {@code template} with every placeholder filled; never leaves a placeholder in the text. */
  public String render(SqlTemplate template, TemplateParams params) {
    StringBuilder sql = new StringBuilder();
    List<String> missing = new ArrayList<>();
    for (Segment s : template.segments()) {
      if (s instanceof Segment.Text t) {
        sql.append(t.text());
      } else if (s instanceof Segment.Placeholder p) {
        var param = params.get(p.name());
        if (param.isEmpty()) {
          if (!missing.contains(p.name())) {
            missing.add(p.name());
          }
          continue;
        }
        sql.append(renderValue(template, p, param.get().value()));
      }
    }
    if (!missing.isEmpty()) {
      StringBuilder msg = new StringBuilder("Query template " + template.file() + ": ");
      msg.append(missing.size() == 1 ? "placeholder " : "placeholders ");
      msg.append(String.join(", ", missing.stream().map(n -> "{" + n + "}").toList())).append(" not resolved. Looked in: ");
      msg.append(params.placesLookedIn(missing.get(0))).append('.');
      throw new TemplateException(msg.toString());
    }
    return sql.toString();
  }

  private String renderValue(SqlTemplate template, Segment.Placeholder p, String value) {
    return switch (p.kind()) {
      case LITERAL -> names.escapeStringContent(value);
      case EXPRESSION -> value;
      case IDENTIFIER -> identifier(template, p, value);
    };
  }

  /** A lone name after FROM/JOIN may be dotted ({@code dbo.ventas}); a part of a dotted name is one identifier. */
  private String identifier(SqlTemplate template, Segment.Placeholder p, String value) {
    if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
      throw new TemplateException("Query template " + template.file() + " line " + p.line() + ": {" + p.name()
          + "} stands for a name, but its value is empty or contains control characters.");
    }
    if (PLAIN_IDENTIFIER.matcher(value).matches()) {
      return value;
    }
    TableName name;
    try {
      name = TableName.parse(value);
    } catch (BridgeException e) {
      return names.quoteIdentifier(value);
    }
    return names.renderName(name);
  }
}
