package com.kwp.bridge.extract;

import com.kwp.bridge.dialect.ReadSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pure: rewrites a query's select list when some of its columns need a dialect read cast. */
public final class ReadCasts {
  private ReadCasts() {}

  /** The query with casts applied (every column kept, names unchanged), or empty when none is needed. */
  public static Optional<String> apply(ReadSql reads, String query, List<SourceColumn> columns) {
    List<String> items = new ArrayList<>();
    boolean any = false;
    for (SourceColumn c : columns) {
      Optional<String> cast = reads.readCast(c.name(), c.jdbcType(), c.typeName());
      any |= cast.isPresent();
      items.add(cast.map(e -> e + " AS " + reads.names().quoteIdentifier(c.name())).orElse(reads.names().quoteIdentifier(c.name())));
    }
    return any ? Optional.of(reads.projectionQuery(query, items)) : Optional.empty();
  }
}
