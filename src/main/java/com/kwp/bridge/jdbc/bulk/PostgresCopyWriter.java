package com.kwp.bridge.jdbc.bulk;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's bulk path: {@code COPY ... FROM STDIN} in ~1 MB chunks, binary from Spark's internal rows when
 * every column has a binary form ({@link PostgresBinaryCopy}), else CSV from external rows.
 */
final class PostgresCopyWriter {
  private static final int CHUNK = 1 << 20;

  private PostgresCopyWriter() {}

  static long writeBinary(Connection c, BulkLoad load, PostgresBinaryCopy plan, DataType[] types, Iterator<InternalRow> rows,
      int partition) throws SQLException {
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(load.dialect().apply().copyIn(load.table(), load.columnNames(), true));
    try {
      CopyBuffer out = new CopyBuffer(CHUNK + 64 * 1024);
      out.putBytes(PostgresBinaryCopy.HEADER, 0, PostgresBinaryCopy.HEADER.length);
      while (rows.hasNext()) {
        plan.writeRow(rows.next(), types, partition, out);
        if (out.size() >= CHUNK) {
          copy.writeToCopy(out.array(), 0, out.size());
          out.reset();
        }
      }
      out.putShort(-1); // end of data
      copy.writeToCopy(out.array(), 0, out.size());
      return copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  static long writeCsv(Connection c, BulkLoad load, Iterator<Row> rows, int partition) throws SQLException {
    List<BulkColumn> cols = load.columns();
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(load.dialect().apply().copyIn(load.table(), load.columnNames(), false));
    try {
      StringBuilder sb = new StringBuilder(CHUNK + 4096);
      while (rows.hasNext()) {
        Row r = rows.next();
        for (int i = 0; i < cols.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          BulkColumn col = cols.get(i);
          Object v = col.sourceIndex() == BulkColumn.PARTITION_ID ? Integer.valueOf(partition) : r.get(col.sourceIndex());
          PostgresCsv.appendField(sb, v, col.typeName());
        }
        sb.append('\n');
        if (sb.length() >= CHUNK) {
          flush(copy, sb);
        }
      }
      flush(copy, sb);
      return copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void flush(CopyIn copy, StringBuilder sb) throws SQLException {
    if (sb.length() > 0) {
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      sb.setLength(0);
    }
  }
}
