package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.dialect.SqlDialect;
import java.util.Iterator;
import java.util.Properties;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Spark's JDBC source over a rendered query: one Spark partition per planned predicate, credentials only
 * in the connection properties, rows counted on the executors as they stream through.
 */
public final class JdbcReader {
  static final String ALIAS = "bridge_q";
  private final ConnectionConfig source;
  private final SqlDialect dialect;

  public JdbcReader(ConnectionConfig source, SqlDialect dialect) {
    this.source = source;
    this.dialect = dialect;
  }

  /** A lazy Dataset reading {@code sql} split by {@code plan}; every row read adds one to {@code rowsRead}. */
  public Dataset<Row> read(SparkSession spark, String sql, PartitionPlan plan, int fetchSize, LongAccumulator rowsRead) {
    Properties props = source.driverProperties();
    props.setProperty("driver", dialect.driverClass());
    props.setProperty("fetchsize", String.valueOf(fetchSize));
    String table = dialect.derivedTable(sql, ALIAS);
    Dataset<Row> rows = plan.predicates().isEmpty()
        ? spark.read().jdbc(source.url(), table, props)
        : spark.read().jdbc(source.url(), table, plan.predicates().toArray(new String[0]), props);
    return rows.mapPartitions(new CountRows(rowsRead), Encoders.row(rows.schema()));
  }

  /** Passes rows through unchanged and counts them; captures only the accumulator. */
  static final class CountRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final LongAccumulator counter;

    CountRows(LongAccumulator counter) {
      this.counter = counter;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return input.hasNext();
        }

        @Override
        public Row next() {
          Row r = input.next();
          counter.add(1L);
          return r;
        }
      };
    }
  }
}
