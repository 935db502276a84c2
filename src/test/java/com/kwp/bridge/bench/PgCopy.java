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
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's own bulk paths, used as the limits: {@code COPY ... TO STDOUT} and {@code COPY ... FROM STDIN}
 * through pgjdbc's {@link CopyManager}, in COPY's text or binary format. The files a load reads are written
 * by the server itself ({@code COPY (query) TO STDOUT} in the same format), untimed, so a timed load only
 * moves bytes from a file to the socket: no client-side conversion.
 */
final class PgCopy {
  /** COPY's two formats that need no quoting rules: text (the default) and binary. */
  enum Format {
    TEXT(""), BINARY(" (FORMAT binary)");

    private final String option;

    Format(String option) {
      this.option = option;
    }

    /** How the results name the format. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private PgCopy() {}

  private static CopyManager copy(Connection c) throws SQLException {
    return c.unwrap(PGConnection.class).getCopyAPI();
  }

  /** The statement that dumps {@code query}'s rows in {@code format}. */
  static String copyOutSql(String query, Format format) {
    return "COPY (" + query + ") TO STDOUT" + format.option;
  }

  /** The statement that loads {@code table} from the client in {@code format}. */
  static String copyInSql(String table, Format format) {
    return "COPY " + table + " FROM STDIN" + format.option;
  }

  /** Drains {@code query}'s rows as fast as the server sends them, keeping none; returns the row count. */
  static long dumpToNowhere(Connection c, String query, Format format) throws SQLException, IOException {
    return copy(c).copyOut(copyOutSql(query, format), OutputStream.nullOutputStream());
  }

  /** Writes {@code query}'s rows to {@code file} in {@code format}; returns the row count. */
  static long dumpToFile(Connection c, String query, Format format, Path file) throws SQLException, IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      return copy(c).copyOut(copyOutSql(query, format), out);
    }
  }

  /**
   * Loads {@code file} (written by {@link #dumpToFile} in {@code format}) into {@code table}; returns the row
   * count. A binary file loads only into columns of exactly the types it was dumped from.
   */
  static long load(Connection c, String table, Format format, Path file) throws SQLException, IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      return copy(c).copyIn(copyInSql(table, format), in, 1 << 16);
    }
  }
}
