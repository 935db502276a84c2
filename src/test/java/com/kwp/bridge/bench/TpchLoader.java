package com.kwp.bridge.bench;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Generates a TPC-H table in-process (Trino's generator) and streams it into PostgreSQL with COPY: rows
 * go out in 1 MiB chunks as they are generated, so no table is ever held in memory.
 */
final class TpchLoader {
  private static final int CHUNK = 1 << 20;

  private TpchLoader() {}

  /** The PostgreSQL DDL for a TPC-H table: money/quantities as numeric(15,2), keys bigint, as in the spec. */
  static String createTableSql(TpchTable<?> table, String name) {
    StringJoiner cols = new StringJoiner(", ", "CREATE TABLE " + name + " (", ")");
    for (TpchColumn<?> c : table.getColumns()) {
      cols.add(c.getColumnName() + " " + sqlType(c.getType()) + " NOT NULL");
    }
    return cols.toString();
  }

  private static String sqlType(TpchColumnType type) {
    return switch (type.getBase()) {
      case IDENTIFIER -> "bigint";
      case INTEGER -> "integer";
      case DATE -> "date";
      case DOUBLE -> "numeric(15,2)";
      case VARCHAR -> "varchar(" + type.getPrecision().orElse(255L) + ")";
    };
  }

  /** Creates {@code name} and fills it with the table at {@code scale}; returns the row count. */
  static <E extends TpchEntity> long load(Connection c, TpchTable<E> table, double scale, String name) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(createTableSql(table, name));
    }
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + name + " FROM STDIN WITH (FORMAT text, DELIMITER '|')");
    long rows = 0;
    StringBuilder buf = new StringBuilder(CHUNK + 4096);
    try {
      for (E e : table.createGenerator(scale, 1, 1)) {
        appendLine(buf, e.toLine());
        rows++;
        if (buf.length() >= CHUNK) {
          flush(copy, buf);
        }
      }
      flush(copy, buf);
      long loaded = copy.endCopy();
      if (loaded != rows) {
        throw new IllegalStateException("COPY loaded " + loaded + " rows into " + name + " but the generator made " + rows);
      }
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("ANALYZE " + name);
    }
    return rows;
  }

  /** The generator's line is '|'-separated with a trailing '|'; COPY's text format wants no trailer. */
  private static void appendLine(StringBuilder buf, String line) {
    if (line.indexOf('\\') >= 0) {
      throw new IllegalStateException("TPC-H line contains a backslash, which COPY text format would misread: " + line);
    }
    buf.append(line, 0, line.length() - 1).append('\n');
  }

  private static void flush(CopyIn copy, StringBuilder buf) throws SQLException {
    if (buf.length() > 0) {
      byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buf.setLength(0);
    }
  }
}
