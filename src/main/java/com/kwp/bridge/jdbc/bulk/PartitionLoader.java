package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.jdbc.SqlRunner;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.util.LongAccumulator;

/**
 * Executor side: loads each Spark partition into the staging table on its own connection, in one
 * transaction (autoCommit off, commit at the end, closed in finally). A retried task first deletes the
 * rows an earlier attempt of the same partition may have committed, so a task retry never doubles rows.
 * Rows loaded are added to {@code rowsLoaded}: Spark applies a task's accumulator update once, for the
 * successful attempt only, so the total is the source's row count without a second pass over it.
 */
public final class PartitionLoader implements Serializable {
  private static final long serialVersionUID = 1L;
  private final StagingLoad load;
  private final LongAccumulator rowsLoaded;

  PartitionLoader(StagingLoad load, LongAccumulator rowsLoaded) {
    this.load = load;
    this.rowsLoaded = rowsLoaded;
  }

  /**
   * Loads {@code rows} into the staging table of {@code load}. On PostgreSQL with a binary form for every
   * column, Spark's internal rows go straight into binary COPY (no external-row conversion, no text on either
   * side); otherwise external rows go through CSV COPY or SQL Server's bulk copy. Returns the path taken, for the log.
   */
  public static String load(Dataset<Row> rows, StagingLoad load, LongAccumulator rowsLoaded) {
    PartitionLoader loader = new PartitionLoader(load, rowsLoaded);
    Optional<PostgresBinaryCopy> binary = load.dialect().bulkPath() == SqlDialect.BulkPath.POSTGRES_COPY
        ? PostgresBinaryCopy.plan(rows.schema(), load.columns()) : Optional.empty();
    if (binary.isPresent()) {
      DataType[] types = java.util.Arrays.stream(rows.schema().fields()).map(StructField::dataType).toArray(DataType[]::new);
      rows.queryExecution().toRdd().toJavaRDD().foreachPartition(loader.binary(binary.get(), types));
      return "binary COPY";
    }
    rows.foreachPartition(loader.external());
    return load.dialect().bulkPath() == SqlDialect.BulkPath.POSTGRES_COPY ? "CSV COPY" : "bulk copy";
  }

  /** Writes one partition on an open connection inside its transaction; returns the rows written. */
  private interface Writer {
    long write(Connection c, int partition) throws SQLException;
  }

  private VoidFunction<Iterator<InternalRow>> binary(PostgresBinaryCopy plan, DataType[] types) {
    return rows -> inTransaction((c, p) -> PostgresCopyWriter.writeBinary(c, load, plan, types, rows, p));
  }

  private ForeachPartitionFunction<Row> external() {
    return rows -> inTransaction((c, p) -> load.dialect().bulkPath() == SqlDialect.BulkPath.POSTGRES_COPY
        ? PostgresCopyWriter.writeCsv(c, load, rows, p)
        : SqlServerBulkWriter.write(c, load, rows, p));
  }

  private void inTransaction(Writer writer) {
    TaskContext task = TaskContext.get();
    int partition = task == null ? 0 : task.partitionId();
    boolean retry = task != null && task.attemptNumber() > 0;
    Connection c = JdbcConnections.open(load.connection());
    try {
      c.setAutoCommit(false);
      SqlRunner runner = new SqlRunner(c, load.dialect());
      if (retry) {
        runner.execute("clear staging partition " + partition, SqlStatement.of(load.dialect().deleteStagingPartition(load.staging()), partition));
      }
      long loaded = writer.write(c, partition);
      c.commit();
      rowsLoaded.add(loaded);
    } catch (SQLException e) {
      rollbackQuietly(c, e);
      throw new DatabaseException("bulk load of " + load.staging() + " partition " + partition, null, e, load.dialect().isTransient(e));
    } catch (RuntimeException e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      try {
        c.close();
      } catch (SQLException e) {
        // closing an already failed connection; the task outcome is decided above
      }
    }
  }

  private static void rollbackQuietly(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException r) {
      failure.addSuppressed(r);
    }
  }
}
