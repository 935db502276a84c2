package com.kwp.bridge.testing;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import com.kwp.bridge.jdbc.JdbcConnections;

/**
 * A real database an integration test owns for its lifetime: a fresh PostgreSQL database on the embedded
 * server, or a fresh schema on the SQL Server named by {@code BRIDGE_TEST_SQLSERVER_URL}.
 */
public interface TestDatabase extends AutoCloseable {

  /** How the code under test connects (URL, user, password). */
  ConnectionConfig connection();

  /** The schema test tables live in ("public" on PostgreSQL, a random schema on SQL Server). */
  String schema();

  default SqlDialect dialect() {
    return Dialects.forUrl(connection().url());
  }

  default String url() {
    return connection().url();
  }

  /** A quoted, schema-qualified name for a table in this database. */
  default String qualified(String table) {
    return dialect().names().quoteIdentifier(schema()) + "." + dialect().names().quoteIdentifier(table);
  }

  /** A name no other test uses. */
  static String uniqueName(String prefix) {
    return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)).toLowerCase(Locale.ROOT);
  }

  default Connection open() {
    return JdbcConnections.open(connection());
  }

  /** Runs each statement in its own autocommit call. */
  default void execute(String... sql) {
    try (Connection c = open(); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  /** Runs a query and maps each row. */
  default <T> List<T> query(String sql, Function<ResultSet, T> mapper) {
    try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.apply(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("test query failed: " + e.getMessage(), e);
    }
  }

  default long count(String qualifiedTable) {
    return query("SELECT COUNT(*) FROM " + qualifiedTable, rs -> {
      try {
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get(0);
  }

  @Override
  void close();
}
