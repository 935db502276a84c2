package com.kwp.bridge.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** PostgreSQL's own bulk paths, used as the limits: COPY ... TO STDOUT and COPY ... FROM STDIN. */
final class PgCopy {
  private PgCopy() {}

  private static CopyManager copy(Connection c) throws SQLException {
    return c.unwrap(PGConnection.class).getCopyAPI();
  }

  /** Drains {@code query}'s rows as fast as the server sends them, keeping none; returns the row count. */
  static long dumpToNowhere(Connection c, String query) throws SQLException, IOException {
    return copy(c).copyOut("COPY (" + query + ") TO STDOUT", OutputStream.nullOutputStream());
  }

  /** Writes {@code query}'s rows to {@code file} in COPY text format; returns the row count. */
  static long dumpToFile(Connection c, String query, Path file) throws SQLException, IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      return copy(c).copyOut("COPY (" + query + ") TO STDOUT", out);
    }
  }

  /** Loads {@code file} (COPY text format) into {@code table}; returns the row count. */
  static long load(Connection c, String table, Path file) throws SQLException, IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      return copy(c).copyIn("COPY " + table + " FROM STDIN", in, 1 << 16);
    }
  }
}
