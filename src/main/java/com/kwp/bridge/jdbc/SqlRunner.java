package com.kwp.bridge.jdbc;

import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.error.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs statements on a connection the caller owns. {@link SQLException} stops here: it becomes a
 * {@link DatabaseException} with the statement text attached and the dialect's transient verdict.
 */
public final class SqlRunner {
  private final Connection connection;
  private final SqlDialect dialect;

  public SqlRunner(Connection connection, SqlDialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  /** Maps one result row; may throw SQLException. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs DML/DDL; returns the update count. */
  public long execute(String operation, SqlStatement st) {
    try (PreparedStatement ps = prepare(st)) {
      return ps.executeLargeUpdate();
    } catch (SQLException e) {
      throw wrap(operation, st, e);
    }
  }

  /** Runs a query and maps every row (for metadata-sized results only, never row data). */
  public <T> List<T> query(String operation, SqlStatement st, RowMapper<T> mapper) {
    try (PreparedStatement ps = prepare(st); ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw wrap(operation, st, e);
    }
  }

  public DatabaseException wrap(String operation, SqlStatement st, SQLException e) {
    return new DatabaseException(operation, st == null ? null : st.text(), e, dialect.isTransient(e));
  }

  private PreparedStatement prepare(SqlStatement st) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(st.text());
    for (int i = 0; i < st.params().size(); i++) {
      ps.setObject(i + 1, st.params().get(i));
    }
    return ps;
  }

  public Connection connection() {
    return connection;
  }

  public SqlDialect dialect() {
    return dialect;
  }
}
