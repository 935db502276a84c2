package com.kwp.bridge.extract.copy;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.jdbc.bulk.PostgresBinaryRows;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/** One partition's COPY on an executor: its own connection, the stream decoded into one reused row. */
final class CopyPartitionReader implements PartitionReader<InternalRow> {
  private final ConnectionConfig source;
  private final String statement;
  private final Connection connection;
  private final CopyOut copy;
  private final PostgresBinaryRows.Reader reader;
  private final SpecificInternalRow row;

  /** Serialized to the executors: the connection (password included, as Spark's JDBC source carries it) and the decoding. */
  record Factory(ConnectionConfig source, PostgresBinaryRows rows, StructType schema) implements PartitionReaderFactory {
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new CopyPartitionReader(source, ((CopyTable.Partition) partition).statement(), rows, schema);
    }
  }

  private CopyPartitionReader(ConnectionConfig source, String statement, PostgresBinaryRows rows, StructType schema) {
    this.source = source;
    this.statement = statement;
    this.connection = JdbcConnections.open(source);
    try {
      this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(statement);
    } catch (SQLException e) {
      closeQuietly();
      throw failure("start the partition's COPY", e);
    }
    this.reader = rows.reader(this::chunk);
    this.row = new SpecificInternalRow(schema);
  }

  private byte[] chunk() {
    try {
      return copy.readFromCopy();
    } catch (SQLException e) {
      throw failure("read the partition's COPY stream", e);
    }
  }

  @Override
  public boolean next() {
    if (reader.next(row)) {
      return true;
    }
    while (chunk() != null) {
      // the trailer is the last tuple; reading on to the end completes the COPY on the connection
    }
    return false;
  }

  @Override
  public InternalRow get() {
    return row;
  }

  @Override
  public void close() {
    try {
      if (copy != null && copy.isActive()) {
        copy.cancelCopy(); // a task stopped early (failure, limit): tell the server to stop sending
      }
    } catch (SQLException e) {
      // the connection is closed next either way
    } finally {
      closeQuietly();
    }
  }

  private void closeQuietly() {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing to keep: the task's rows are already accounted for or the task fails anyway
    }
  }

  private RuntimeException failure(String what, SQLException e) {
    return new SqlRunner(null, Dialects.forUrl(source.url())).wrap(what + " from " + source.name(), SqlStatement.of(statement), e);
  }
}
