package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.jdbc.SqlRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Executor side: loads one Spark partition into the staging table on its own connection, in one
 * transaction (autoCommit off, commit at the end, closed in finally). A retried task first deletes the
 * rows an earlier attempt of the same partition may have committed, so a task retry never doubles rows.
 * Rows loaded are added to {@code rowsLoaded}: Spark applies a task's accumulator update once, for the
 * successful attempt only, so the total is the source's row count without a second pass over it.
 */
public final class PartitionLoader implements ForeachPartitionFunction<Row> {
  private static final long serialVersionUID = 1L;
  private final StagingLoad load;
  private final LongAccumulator rowsLoaded;

  public PartitionLoader(StagingLoad load, LongAccumulator rowsLoaded) {
    this.load = load;
    this.rowsLoaded = rowsLoaded;
  }

  @Override
  public void call(Iterator<Row> rows) {
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
      long loaded = load.dialect().bulkPath() == SqlDialect.BulkPath.POSTGRES_COPY
          ? PostgresCopyWriter.write(c, load, rows, partition)
          : SqlServerBulkWriter.write(c, load, rows, partition);
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
