package com.kwp.bridge.bench;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Rows of a PostgreSQL text-format dump (tab-separated, no escapes: TPC-H has no tab, backslash or NULL) served to
 * {@code SQLServerBulkCopy} as Java values of the destination's types, parsed as the file is read. Not the driver's
 * {@code SQLServerBulkCSVFileRecord}: it hands DATE columns over as strings, which Babelfish 4.2 stores wrong
 * (1996-03-13 arrived as 2413-01-27).
 */
final class TextFileBulkData implements ISQLServerBulkData, AutoCloseable {
  private static final long serialVersionUID = 1L;
  private final transient BufferedReader in;
  private final String[] names;
  private final int[] types;
  private final int[] precisions;
  private final int[] scales;
  private transient Object[] row;

  /** {@code md}: the destination's columns, in the file's order. */
  TextFileBulkData(Path file, ResultSetMetaData md) throws SQLException {
    int n = md.getColumnCount();
    names = new String[n];
    types = new int[n];
    precisions = new int[n];
    scales = new int[n];
    for (int i = 0; i < n; i++) {
      names[i] = md.getColumnName(i + 1);
      types[i] = md.getColumnType(i + 1);
      precisions[i] = md.getPrecision(i + 1);
      scales[i] = md.getScale(i + 1);
    }
    try {
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Set<Integer> getColumnOrdinals() {
    Set<Integer> s = new LinkedHashSet<>();
    for (int i = 1; i <= names.length; i++) {
      s.add(i);
    }
    return s;
  }

  @Override
  public String getColumnName(int column) {
    return names[column - 1];
  }

  @Override
  public int getColumnType(int column) {
    return types[column - 1];
  }

  @Override
  public int getPrecision(int column) {
    return precisions[column - 1];
  }

  @Override
  public int getScale(int column) {
    return scales[column - 1];
  }

  @Override
  public Object[] getRowData() {
    return row;
  }

  @Override
  public boolean next() throws SQLException {
    String line;
    try {
      line = in.readLine();
    } catch (IOException e) {
      throw new SQLException("reading the dump failed", e);
    }
    if (line == null) {
      return false;
    }
    String[] f = line.split("\t", -1);
    if (f.length != names.length) {
      throw new SQLException("a dump line has " + f.length + " fields, the table " + names.length + " columns: " + line);
    }
    row = new Object[f.length];
    for (int i = 0; i < f.length; i++) {
      row[i] = switch (types[i]) {
        case Types.BIGINT -> Long.valueOf(f[i]);
        case Types.INTEGER -> Integer.valueOf(f[i]);
        case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(f[i]);
        case Types.DATE -> Date.valueOf(f[i]);
        default -> f[i];
      };
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
