package com.kwp.bridge.extract;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.extract.copy.CopyRead;
import com.kwp.bridge.extract.copy.CopySource;
import com.kwp.bridge.jdbc.bulk.PostgresBinaryRows;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A rendered query read by Spark's JDBC source or, on PostgreSQL, by binary COPY: one Spark partition per planned predicate, credentials only
 * in the connection properties, rows counted on the executors as they stream through.
 */
public final class JdbcReader {
  static final String ALIAS = "bridge_q";
  private static final Logger LOG = Logger.getLogger(JdbcReader.class.getName());
  private static final Duration METRICS_WAIT = Duration.ofMinutes(2);
  private final ConnectionConfig source;
  private final SqlDialect dialect;

  public JdbcReader(ConnectionConfig source, SqlDialect dialect) {
    this.source = source;
    this.dialect = dialect;
  }

  /** A lazy read and the count of the rows it produced, known once an action has consumed it. */
  public record ObservedRead(Dataset<Row> rows, Observation observation) {
    /**
     * Rows the action read (call after the write). The metrics arrive on Spark's listener bus just after the
     * action returns; a bounded wait turns a missing report into a clear failure instead of a hang.
     */
    public long rowsRead() {
      CompletableFuture<Object> rows = CompletableFuture.supplyAsync(() -> {
        try {
          return observation.getAsJava().get("rows");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CompletionException(e);
        }
      });
      try {
        Object n = rows.get(METRICS_WAIT.toSeconds(), TimeUnit.SECONDS);
        return n == null ? 0L : ((Number) n).longValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BridgeException(ErrorClass.INTERNAL, "interrupted while waiting for the rows-read count", e);
      } catch (ExecutionException | TimeoutException e) {
        rows.cancel(true);
        throw new BridgeException(ErrorClass.INTERNAL, "Spark reported no rows-read count within " + METRICS_WAIT.toSeconds()
            + " s of the write; the output was written but could not be validated", e);
      }
    }
  }

  /**
   * A lazy Dataset reading {@code sql} split by {@code plan}. Rows are counted by a Spark observation: an
   * aggregate inside the plan on Spark's internal rows, so counting costs no per-row conversion.
   */
  public ObservedRead read(SparkSession spark, String sql, PartitionPlan plan, int fetchSize) {
    Dataset<Row> rows = dataFrame(spark, sql, plan, fetchSize);
    Observation observation = new Observation("bridge_rows_read_" + UUID.randomUUID().toString().replace("-", ""));
    return new ObservedRead(rows.observe(observation, count(lit(1)).as("rows")), observation);
  }

  /**
   * The lazy Dataset alone (notebooks: the caller writes it and counts what it wants). Where the database has a
   * binary bulk stream and every column a binary decoding ({@link PostgresBinaryRows}), its partitions are read
   * that way, under the schema Spark's JDBC source resolved; otherwise by Spark's JDBC source itself.
   */
  public Dataset<Row> dataFrame(SparkSession spark, String sql, PartitionPlan plan, int fetchSize) {
    Properties props = source.driverProperties();
    props.setProperty("driver", dialect.driverClass());
    props.setProperty("fetchsize", String.valueOf(fetchSize));
    String table = dialect.reads().derivedTable(sql, ALIAS);
    Dataset<Row> jdbc = plan.predicates().isEmpty()
        ? spark.read().jdbc(source.url(), table, props)
        : spark.read().jdbc(source.url(), table, plan.predicates().toArray(new String[0]), props);
    if (dialect.reads().copyOutQuery(sql, ALIAS, null).isEmpty()) {
      return jdbc;
    }
    StructType schema = jdbc.schema();
    List<String> types = new SourceProbe(source, dialect).columns(sql).stream().map(SourceColumn::typeName).toList();
    PostgresBinaryRows.Plan decoding = PostgresBinaryRows.plan(schema, types);
    if (decoding.rows().isEmpty()) {
      LOG.info(() -> "reading with Spark's JDBC source, not binary COPY: " + decoding.reason());
      return jdbc;
    }
    List<String> predicates = plan.predicates().isEmpty() ? java.util.Collections.singletonList(null) : plan.predicates();
    List<String> statements = predicates.stream().map(p -> dialect.reads().copyOutQuery(sql, ALIAS, p).orElseThrow()).toList();
    return CopySource.read(spark, new CopyRead(source, statements, types), schema);
  }
}
