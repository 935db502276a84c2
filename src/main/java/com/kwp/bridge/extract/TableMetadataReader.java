package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.jdbc.SqlRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Logger;

/** Reads a table's catalog entries through the dialect's metadata queries (metadata-sized results only). */
public final class TableMetadataReader {
  private static final Logger LOG = Logger.getLogger(TableMetadataReader.class.getName());
  /**
   * At most this many rows are counted when the catalog has no count (a bounded scan, never a big table's
   * full count); a table that reaches it keeps an unknown estimate, so extract.num-partitions applies.
   */
  static final long COUNT_LIMIT = 100_000;
  private final ConnectionConfig source;
  private final SqlDialect dialect;

  public TableMetadataReader(ConnectionConfig source, SqlDialect dialect) {
    this.source = source;
    this.dialect = dialect;
  }

  /** The table's metadata; a table the database cannot see fails naming it. */
  public TableMetadata read(TableName table) {
    try (Connection c = JdbcConnections.open(source)) {
      SqlRunner runner = new SqlRunner(c, dialect);
      List<CatalogColumn> columns = runner.query("read the columns of " + table, dialect.catalog().tableColumnsQuery(table),
          rs -> new CatalogColumn(rs.getString("column_name"), rs.getString("type_name"), rs.getBoolean("not_null"), rs.getBoolean("is_identity")));
      ValidationException.check(!columns.isEmpty(),
          "Table %s does not exist in the source database or is not visible to its user; check extract.tables.<name>.table or --table.",
          dialect.names().renderName(table));
      Map<String, CatalogIndex> indexes = new LinkedHashMap<>();
      List<Object[]> keyRows = runner.query("read the indexes of " + table, dialect.catalog().tableIndexesQuery(table), rs -> new Object[] {
          rs.getString("index_name"), rs.getBoolean("is_primary"), rs.getBoolean("is_clustered"), rs.getBoolean("is_unique"), rs.getString("column_name")});
      Map<String, List<String>> cols = new LinkedHashMap<>();
      for (Object[] r : keyRows) {
        cols.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[4]);
        indexes.putIfAbsent((String) r[0], new CatalogIndex((String) r[0], (Boolean) r[1], (Boolean) r[2], (Boolean) r[3], List.of()));
      }
      List<CatalogIndex> out = indexes.values().stream()
          .map(i -> new CatalogIndex(i.name(), i.primary(), i.clustered(), i.unique(), cols.get(i.name()))).toList();
      return new TableMetadata(dialect.names().renderName(table), columns, out, estimate(runner, table));
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("close connection", null, e);
    }
  }

  private OptionalLong estimate(SqlRunner runner, TableName table) {
    Long n = catalogEstimate(runner, table);
    SqlStatement count = n != null && n < 0 ? dialect.catalog().boundedRowCountQuery(table, COUNT_LIMIT) : null;
    if (count != null) {
      // The catalog knows the table but not its rows (Babelfish before ANALYZE): count them, up to the limit.
      Long counted = value(runner, "count the rows of " + table, count);
      LOG.info(() -> "Row estimate of " + table + " unknown to the catalog (" + n + "); counted " + counted + " rows (limit " + COUNT_LIMIT + ")");
      return counted == null || counted >= COUNT_LIMIT ? OptionalLong.empty() : OptionalLong.of(counted);
    }
    return n == null || n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
  }

  /** The catalog's answer as it is: null when it has none, negative when it says "unknown". */
  private Long catalogEstimate(SqlRunner runner, TableName table) {
    try {
      return value(runner, "read the row estimate", dialect.catalog().rowEstimateQuery(table));
    } catch (DatabaseException e) {
      SqlStatement fallback = dialect.catalog().rowEstimateFallbackQuery(table);
      if (fallback == null) {
        throw e;
      }
      LOG.info(() -> "Row estimate of " + table + " from its first source failed (" + e.getMessage() + "); trying " + fallback.text());
      return value(runner, "read the row estimate", fallback);
    }
  }

  private static Long value(SqlRunner runner, String operation, SqlStatement st) {
    List<Long> v = runner.query(operation, st, rs -> {
      long n = rs.getLong(1);
      return rs.wasNull() ? null : n;
    });
    return v.isEmpty() ? null : v.get(0);
  }
}
