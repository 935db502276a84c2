package com.kwp.bridge.jdbc;

import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.ValidationException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a table's columns (names, JDBC types, precision, scale) from an empty query's metadata. */
public final class TableProbe {
  private TableProbe() {}

  /** The columns of {@code table}; a missing table is a permanent {@link ValidationException} saying so. */
  public static List<ColumnInfo> columns(SqlRunner runner, TableName table) {
    String sql = "SELECT * FROM " + runner.dialect().names().quoteTable(table) + " WHERE 1 = 0";
    try (PreparedStatement ps = runner.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      List<ColumnInfo> out = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.add(new ColumnInfo(md.getColumnName(i), md.getColumnType(i), md.getColumnTypeName(i), md.getPrecision(i), md.getScale(i)));
      }
      return out;
    } catch (SQLException e) {
      DatabaseException wrapped = runner.wrap("read columns of " + table, SqlStatement.of(sql), e);
      if (wrapped.isTransient()) {
        throw wrapped;
      }
      throw new ValidationException("Target table " + table + " does not exist or cannot be read by the bridge's login: "
          + e.getMessage() + " [SQLState " + e.getSQLState() + "]. Create it first, or fix target_table.");
    }
  }
}
