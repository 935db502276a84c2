package com.kwp.bridge.adhoc;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.jdbc.SqlRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One ad-hoc SELECT ({@code bridge run-query}): checked by {@link SelectOnly}, run in a read-only
 * transaction where the dialect has one (always rolled back), at most {@code limit} rows fetched.
 */
public final class AdHocQuery {
  private final ConnectionConfig source;
  private final SqlDialect dialect;

  public AdHocQuery(ConnectionConfig source, SqlDialect dialect) {
    this.source = source;
    this.dialect = dialect;
  }

  /** Column names, the first {@code limit} rows as text (NULL shown as NULL), and whether more rows exist. */
  public record Result(List<String> columns, List<List<String>> rows, boolean more) {}

  public Result run(String sql, int limit) {
    String statement = SelectOnly.check(sql);
    try (Connection c = JdbcConnections.open(source)) {
      try {
        c.setAutoCommit(false);
        c.setReadOnly(true);
        String readOnly = dialect.reads().readOnlyTransaction();
        try (Statement st = c.createStatement()) {
          if (readOnly != null) {
            st.execute(readOnly);
          }
          st.setMaxRows(limit + 1);
          try (ResultSet rs = st.executeQuery(statement)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              columns.add(md.getColumnLabel(i));
            }
            List<List<String>> rows = new ArrayList<>();
            boolean more = false;
            while (rs.next()) {
              if (rows.size() == limit) {
                more = true;
                break;
              }
              List<String> row = new ArrayList<>();
              for (int i = 1; i <= columns.size(); i++) {
                String v = rs.getString(i);
                row.add(v == null ? "NULL" : v);
              }
              rows.add(row);
            }
            return new Result(columns, rows, more);
          }
        } finally {
          c.rollback();
        }
      } catch (SQLException e) {
        throw new SqlRunner(c, dialect).wrap("run-query", com.kwp.bridge.dialect.SqlStatement.of(statement), e);
      }
    } catch (SQLException e) {
      throw new SqlRunner(null, dialect).wrap("close connection", null, e);
    }
  }
}
