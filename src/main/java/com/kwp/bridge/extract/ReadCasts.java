package com.kwp.bridge.extract;

import com.kwp.bridge.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pure: rewrites a query's select list when some of its columns need a dialect read cast. */
public final class ReadCasts {
  private ReadCasts() {}

  /** The query with casts applied (every column kept, names unchanged), or empty when none is needed. */
  public static Optional<String> apply(SqlDialect dialect, String query, List<SourceColumn> columns) {
    List<String> items = new ArrayList<>();
    boolean any = false;
    for (SourceColumn c : columns) {
      Optional<String> cast = dialect.readCast(c.name(), c.jdbcType(), c.typeName());
      any |= cast.isPresent();
      items.add(cast.map(e -> e + " AS " + dialect.quoteIdentifier(c.name())).orElse(dialect.quoteIdentifier(c.name())));
    }
    return any ? Optional.of(dialect.projectionQuery(query, items)) : Optional.empty();
  }
}
