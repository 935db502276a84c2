package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.jdbc.SqlRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The small driver-side queries a plan needs: MIN/MAX of a column over the wrapped query, and NTILE
 * boundaries. Returns metadata-sized results only, never row data.
 */
public final class SourceProbe {
  private static final Logger LOG = Logger.getLogger(SourceProbe.class.getName());
  private final ConnectionConfig source;
  private final SqlDialect dialect;

  public SourceProbe(ConnectionConfig source, SqlDialect dialect) {
    this.source = source;
    this.dialect = dialect;
  }

  /** MIN and MAX of a column, typed; both null when the query has no non-NULL value of it. */
  public record Bounds(ColumnKind kind, Object lo, Object hi) {
    public boolean isEmpty() {
      return lo == null || hi == null;
    }
  }

  public Bounds bounds(String query, String column) {
    try (Connection c = JdbcConnections.open(source)) {
      SqlRunner runner = new SqlRunner(c, dialect);
      return runner.query("probe bounds of " + column, SqlStatement.of(dialect.reads().boundsQuery(query, column)), rs -> {
        ColumnKind kind = ColumnKind.fromJdbcType(rs.getMetaData().getColumnType(2));
        return new Bounds(kind, normalize(rs, 1), normalize(rs, 2));
      }).get(0);
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("close connection", null, e);
    }
  }

  /** The query's result columns, from the metadata of a query that returns no rows. */
  public List<SourceColumn> columns(String query) {
    try (Connection c = JdbcConnections.open(source);
        java.sql.Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(dialect.reads().schemaProbeQuery(query))) {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      List<SourceColumn> out = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.add(new SourceColumn(md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i)));
      }
      return out;
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("read the columns of the query", SqlStatement.of(dialect.reads().schemaProbeQuery(query)), e);
    }
  }

  /** The lowest value of each of {@code buckets} equal-count buckets, ascending. */
  public List<Object> quantileLows(String query, String column, int buckets) {
    try (Connection c = JdbcConnections.open(source)) {
      SqlRunner runner = new SqlRunner(c, dialect);
      return new ArrayList<>(runner.query("probe quantiles of " + column,
          SqlStatement.of(dialect.reads().quantileBoundariesQuery(query, column, buckets)), rs -> normalize(rs, 1)));
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("close connection", null, e);
    }
  }

  /** Rows per range from {@link SqlDialect#sampledRangeCountsQuery}: index = range, value = sampled rows. */
  public long[] rangeCounts(String sampleQuery, int ranges) {
    try (Connection c = JdbcConnections.open(source)) {
      long[] out = new long[ranges];
      new SqlRunner(c, dialect).query("sample the partition ranges", SqlStatement.of(sampleQuery), rs -> {
        int b = rs.getInt(1);
        if (b >= 0 && b < ranges) {
          out[b] = rs.getLong(2);
        }
        return null;
      });
      return out;
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("close connection", null, e);
    }
  }

  /**
   * The exclusive upper bound of a rowversion watermark, from the dialect's statement or, when that fails,
   * its fallback (a server without the first one's function); if both fail, the first failure is thrown.
   */
  public Object rowversionUpperBound() {
    try {
      return single("read the rowversion upper bound", dialect.reads().rowversionUpperBoundQuery());
    } catch (DatabaseException e) {
      String fallback = dialect.reads().rowversionUpperBoundFallbackQuery();
      if (fallback == null) {
        throw e;
      }
      try {
        Object hi = single("read the rowversion upper bound", fallback);
        LOG.info(() -> "Rowversion upper bound from " + fallback + " (the first statement failed: " + e.getMessage() + ")");
        return hi;
      } catch (DatabaseException second) {
        e.addSuppressed(second);
        throw e;
      }
    }
  }

  /** One value from a one-row query (an upper watermark), normalized; null when the query returns nothing. */
  public Object single(String operation, String query) {
    try (Connection c = JdbcConnections.open(source)) {
      List<Object> v = new SqlRunner(c, dialect).query(operation, SqlStatement.of(query), rs -> normalize(rs, 1));
      return v.isEmpty() ? null : v.get(0);
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("close connection", null, e);
    }
  }

  /** JDBC values as the planner's types: LocalDate, LocalDateTime, Long, BigDecimal or String. */
  static Object normalize(ResultSet rs, int column) throws SQLException {
    return Watermarks.normalize(rs.getObject(column));
  }
}
