package com.kwp.bridge.extract;

import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.OutputFormat;
import com.kwp.bridge.config.QueryOptions;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.config.WriteMode;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.lake.LakeOutput;
import com.kwp.bridge.lake.LakeOutput.Write;
import com.kwp.bridge.logging.PhaseTimes;
import java.time.Instant;
import java.util.logging.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Extracts one query: render the template, pick the write (skip, overwrite, append, incremental), plan the
 * partitions, read through Spark's JDBC source, write, and check rows read against rows written.
 */
public final class QueryExtractor {
  private static final Logger LOG = Logger.getLogger(QueryExtractor.class.getName());

  private final SparkSession spark;
  private final ExtractRequest request;
  private final SqlDialect dialect;
  private final SourceProbe probe;
  private final ReadPlanner planner;

  public QueryExtractor(SparkSession spark, ExtractRequest request, SqlDialect dialect) {
    this.spark = spark;
    this.request = request;
    this.dialect = dialect;
    this.planner = new ReadPlanner(request.source(), dialect, request.config(), request.params(), request.queriesDir());
    this.probe = planner.probe();
  }

  /** Runs one query; throws on any failure (the runner turns it into a FAILED result). */
  public QueryResult extract(String query, QuerySettings settings, LakeOutput output, Instant startedAt) {
    long start = System.nanoTime();
    PhaseTimes times = new PhaseTimes();
    ReadPlanner.Source source = planner.source(query);
    String rendered = source.sql();
    WriteMode mode = settings.mode();
    if (mode == WriteMode.SKIP_EXISTING && output.exists(spark)) {
      LOG.info(() -> "Skipping " + query + ": " + output.location() + " exists (use --overwrite to replace it)");
      return result(query, settings, output, 0, 0, 0, start, null, null, QueryResult.Status.SKIPPED, startedAt);
    }
    java.util.List<SourceColumn> columns = probe.columns(rendered);
    String sql = ReadCasts.apply(dialect.reads(), rendered, columns).orElse(rendered);
    times.lap("columns");
    Increment inc = null;
    if (mode == WriteMode.INCREMENTAL) {
      inc = increment(query, settings, output, sql, planner.watermark(source, settings, columns));
      if (inc.sql() == null) {
        return result(query, settings, output, 0, 0, 0, start, inc.from(), inc.to(), QueryResult.Status.OK, startedAt);
      }
      sql = inc.sql();
      times.lap("watermark");
    }
    boolean merge = inc != null && inc.merge();
    String from = inc == null ? null : inc.from();
    String to = inc == null ? null : inc.to();
    PartitionPlan plan = planner.plan(source, sql, settings);
    LOG.info("Query " + query + ": " + plan.description());
    times.lap("partition plan");
    JdbcReader.ObservedRead observed = new JdbcReader(request.source(), dialect).read(spark, sql, plan, settings.fetchSize());
    // The read's schema is known from the source's metadata; a refused change stops here, before any row is read.
    SchemaPlan schema = mode == WriteMode.SKIP_EXISTING ? SchemaPlan.NONE
        : SchemaEvolution.plan(spark, output, observed.rows().schema(), settings, merge ? SchemaEvolution.WriteKind.MERGE
            : mode == WriteMode.OVERWRITE ? SchemaEvolution.WriteKind.OVERWRITE : SchemaEvolution.WriteKind.APPEND, query);
    Dataset<Row> rows = schema.apply(observed.rows());
    times.lap("read schema");
    long read;
    long written;
    try {
      if (merge) {
        // The MERGE reads its source inside Delta's own command, where observations are not reported.
        LakeOutput.MergeCounts counts = output.merge(spark, rows, settings.options().keys(), schema.evolve());
        read = counts.sourceRows();
        written = counts.rowsWritten();
      } else {
        written = output.write(spark, rows, switch (mode) {
          case SKIP_EXISTING -> Write.CREATE;
          case OVERWRITE -> Write.OVERWRITE;
          case APPEND, INCREMENTAL -> Write.APPEND;
          case CHANGES -> throw new IllegalStateException("mode = changes runs in ChangesExtractor");
        }, schema.evolve());
        times.lap("read and written");
        read = observed.rowsRead();
      }
    } catch (Exception e) { // SparkException arrives undeclared; rethrown as it came when there is nothing to add
      if (schema.changes().isEmpty()) {
        throw e;
      }
      throw new SchemaChangesNotApplied(e, schema.changes());
    }
    ValidationException.check(read == written,
        "Query %s: read %d rows from the source but %s holds %d new rows; the output may be incomplete, rerun with --overwrite.",
        query, read, output.location(), written);
    times.lap(merge ? "merged" : "rows counted");
    LOG.info(() -> "Query " + query + ": " + times);
    return result(query, settings, output, plan.partitions(), read, written, start, from, to, QueryResult.Status.OK, startedAt)
        .withSchemaChanges(schema.changes());
  }

  /** The incremental read: watermark range for the summary, restricted SQL (null: nothing new), MERGE or append. */
  private record Increment(String from, String to, String sql, boolean merge) {}

  /**
   * Watermark from the destination (MAX of the column; none when the output is missing, so a dropped
   * destination reloads fully), minus the lookback; upper bound from the source, taken once here on the
   * driver and applied to every partition through the SQL.
   */
  private Increment increment(String query, QuerySettings settings, LakeOutput output, String sql, WatermarkChooser.Choice watermark) {
    QueryOptions q = settings.options();
    String column = watermark.column();
    if (q.incrementalColumn().isEmpty()) {
      LOG.info(() -> "Query " + query + ": watermark " + watermark.why());
    }
    Object last = output.max(spark, column).map(Watermarks::normalize).orElse(null);
    // A rowversion's upper bound is the lowest still-active one (exclusive), not the column's MAX.
    Object hi = watermark.rowversion()
        ? probe.rowversionUpperBound()
        : probe.bounds(sql, column).hi();
    String keyPath = ExtractConfig.SECTION + "." + (request.config().isTable(query) ? ExtractConfig.TABLES : ExtractConfig.QUERIES)
        + "." + query + "." + ExtractConfig.LOOKBACK;
    Object fromValue = Watermarks.minusLookback(keyPath, last, q.lookback());
    String from = fromValue == null ? null : fromValue.toString();
    String to = hi == null ? null : hi.toString();
    if (hi == null || Watermarks.caughtUp(fromValue, hi)) {
      return new Increment(from, to, null, false);
    }
    String fromLiteral = fromValue == null ? null : dialect.names().literal(Watermarks.sqlValue(fromValue));
    String toLiteral = dialect.names().literal(Watermarks.sqlValue(hi));
    String restricted = watermark.rowversion()
        ? dialect.reads().rowversionIncrementalQuery(sql, column, fromLiteral, toLiteral)
        : dialect.reads().incrementalQuery(sql, column, fromLiteral, toLiteral);
    return new Increment(from, to, restricted, !q.keys().isEmpty() && last != null);
  }

  private QueryResult result(String query, QuerySettings s, LakeOutput out, int parts, long read, long written, long startNanos,
      String from, String to, QueryResult.Status status, Instant startedAt) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return new QueryResult(query, request.country(), out.location(), s.mode().key(), out.format().key(), parts, read, written,
        seconds, from, to, status, null, startedAt);
  }

  /** The format a query is written in: a table destination always holds Delta. */
  static OutputFormat effectiveFormat(ExtractRequest request, QuerySettings settings) {
    return effectiveFormat(request.destination(), settings);
  }

  static OutputFormat effectiveFormat(com.kwp.bridge.lake.Destination destination, QuerySettings settings) {
    return destination.isPath() ? settings.format() : OutputFormat.DELTA;
  }
}
