package com.kwp.bridge.jdbc.bulk;

import com.kwp.bridge.dialect.ApplySql;
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
 * Executor side: loads each Spark partition on its own connection, in one transaction (autoCommit off,
 * commit at the end, closed in finally). Two shapes: a staging load, all partitions in parallel, where a
 * retried task first deletes the rows an earlier attempt of the same partition may have committed (so a
 * task retry never doubles rows); and a direct load, one task writing every row into the target inside
 * one transaction that a {@link TransactionGuard} opens and closes (the ledger's check and record), so it
 * is all or nothing and applied once. Rows loaded are added to {@code rowsLoaded}: Spark applies a task's
 * accumulator update once, for the successful attempt only, so the total is the row count without a
 * second pass over the source.
 */
public final class PartitionLoader implements Serializable {
  private static final long serialVersionUID = 1L;
  private final BulkLoad load;
  private final LongAccumulator rowsLoaded;
  private final TransactionGuard guard;

  PartitionLoader(BulkLoad load, LongAccumulator rowsLoaded, TransactionGuard guard) {
    this.load = load;
    this.rowsLoaded = rowsLoaded;
    this.guard = guard;
  }

  /** Work inside a direct load's one transaction, before and after its rows. */
  public interface TransactionGuard extends Serializable {
    /** Before any row; false when there is nothing to do (already applied): the task then writes nothing. */
    boolean proceed(Connection c) throws SQLException;

    /** After the rows, before the commit. */
    void finish(Connection c, long rows) throws SQLException;
  }

  /**
   * Loads all of {@code rows} into the target {@code load.table()} in one task and one transaction,
   * {@code guard} around them. Returns false when the source has no partition at all (no task ran, so
   * the guard's work is the caller's).
   */
  public static boolean loadInOneTransaction(Dataset<Row> rows, BulkLoad load, LongAccumulator rowsLoaded, TransactionGuard guard) {
    Dataset<Row> single = rows.coalesce(1);
    if (single.rdd().getNumPartitions() == 0) {
      return false;
    }
    run(single, new PartitionLoader(load, rowsLoaded, guard));
    return true;
  }

  /**
   * Loads {@code rows} into the staging table of {@code load}. On PostgreSQL with a binary form for every
   * column, Spark's internal rows go straight into binary COPY (no external-row conversion, no text on either
   * side); otherwise external rows go through CSV COPY or SQL Server's bulk copy. Returns the path taken, for the log.
   */
  public static String load(Dataset<Row> rows, BulkLoad load, LongAccumulator rowsLoaded) {
    return run(rows, new PartitionLoader(load, rowsLoaded, null));
  }

  private static String run(Dataset<Row> rows, PartitionLoader loader) {
    BulkLoad load = loader.load;
    Optional<PostgresBinaryCopy> binary = load.dialect().apply().bulkPath() == ApplySql.BulkPath.POSTGRES_COPY
        ? PostgresBinaryCopy.plan(rows.schema(), load.columns()) : Optional.empty();
    if (binary.isPresent()) {
      DataType[] types = java.util.Arrays.stream(rows.schema().fields()).map(StructField::dataType).toArray(DataType[]::new);
      rows.queryExecution().toRdd().toJavaRDD().foreachPartition(loader.binary(binary.get(), types));
      return "binary COPY";
    }
    rows.foreachPartition(loader.external());
    return load.dialect().apply().bulkPath() == ApplySql.BulkPath.POSTGRES_COPY ? "CSV COPY" : "bulk copy";
  }

  /** Writes one partition on an open connection inside its transaction; returns the rows written. */
  private interface Writer {
    long write(Connection c, int partition) throws SQLException;
  }

  private VoidFunction<Iterator<InternalRow>> binary(PostgresBinaryCopy plan, DataType[] types) {
    return rows -> inTransaction((c, p) -> PostgresCopyWriter.writeBinary(c, load, plan, types, rows, p));
  }

  private ForeachPartitionFunction<Row> external() {
    return rows -> inTransaction((c, p) -> load.dialect().apply().bulkPath() == ApplySql.BulkPath.POSTGRES_COPY
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
      if (guard != null && !guard.proceed(c)) {
        c.rollback();
        return;
      }
      if (retry && guard == null) {
        new SqlRunner(c, load.dialect()).execute("clear staging partition " + partition,
            SqlStatement.of(load.dialect().apply().deleteStagingPartition(load.table()), partition));
      }
      long loaded = writer.write(c, partition);
      if (guard != null) {
        guard.finish(c, loaded);
      }
      c.commit();
      rowsLoaded.add(loaded);
    } catch (SQLException e) {
      rollbackQuietly(c, e);
      throw new DatabaseException("bulk load of " + load.table() + " partition " + partition, null, e, load.dialect().isTransient(e));
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
