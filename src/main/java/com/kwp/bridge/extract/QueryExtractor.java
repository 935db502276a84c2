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
import com.kwp.bridge.template.QueryTemplates;
import com.kwp.bridge.template.TemplateRenderer;
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
  private final PartitionSource partitions;

  public QueryExtractor(SparkSession spark, ExtractRequest request, SqlDialect dialect) {
    this.spark = spark;
    this.request = request;
    this.dialect = dialect;
    this.probe = new SourceProbe(request.source(), dialect);
    this.partitions = new PartitionSource(probe, dialect);
  }

  /** Runs one query; throws on any failure (the runner turns it into a FAILED result). */
  public QueryResult extract(String query, QuerySettings settings, LakeOutput output, Instant startedAt) {
    long start = System.nanoTime();
    String rendered = new TemplateRenderer(dialect).render(QueryTemplates.load(request.queriesDir(), query), request.params());
    WriteMode mode = settings.mode();
    if (mode == WriteMode.SKIP_EXISTING && output.exists(spark)) {
      LOG.info(() -> "Skipping " + query + ": " + output.location() + " exists (use --overwrite to replace it)");
      return result(query, settings, output, 0, 0, 0, start, null, null, QueryResult.Status.SKIPPED, startedAt);
    }
    String sql = ReadCasts.apply(dialect, rendered, probe.columns(rendered)).orElse(rendered);
    Increment inc = null;
    if (mode == WriteMode.INCREMENTAL) {
      inc = increment(query, settings, output, sql);
      if (inc.sql() == null) {
        return result(query, settings, output, 0, 0, 0, start, inc.from(), inc.to(), QueryResult.Status.OK, startedAt);
      }
      sql = inc.sql();
    }
    boolean merge = inc != null && inc.merge();
    String from = inc == null ? null : inc.from();
    String to = inc == null ? null : inc.to();
    PartitionPlan plan = partitions.plan(sql, settings);
    LOG.info("Query " + query + ": " + plan.description());
    JdbcReader.ObservedRead observed = new JdbcReader(request.source(), dialect).read(spark, sql, plan, settings.fetchSize());
    Dataset<Row> rows = observed.rows();
    long read;
    long written;
    if (merge) {
      // The MERGE reads its source inside Delta's own command, where observations are not reported.
      LakeOutput.MergeCounts counts = output.merge(spark, rows, settings.options().keys());
      read = counts.sourceRows();
      written = counts.rowsWritten();
    } else {
      written = output.write(spark, rows, switch (mode) {
        case SKIP_EXISTING -> Write.CREATE;
        case OVERWRITE -> Write.OVERWRITE;
        case APPEND, INCREMENTAL -> Write.APPEND;
      });
      read = observed.rowsRead();
    }
    ValidationException.check(read == written,
        "Query %s: read %d rows from the source but %s holds %d new rows; the output may be incomplete, rerun with --overwrite.",
        query, read, output.location(), written);
    return result(query, settings, output, plan.partitions(), read, written, start, from, to, QueryResult.Status.OK, startedAt);
  }

  /** The incremental read: watermark range for the summary, restricted SQL (null: nothing new), MERGE or append. */
  private record Increment(String from, String to, String sql, boolean merge) {}

  /**
   * Watermark from the destination (MAX of the column; none when the output is missing, so a dropped
   * destination reloads fully), minus the lookback; upper bound from the source, taken once here on the
   * driver and applied to every partition through the SQL.
   */
  private Increment increment(String query, QuerySettings settings, LakeOutput output, String sql) {
    QueryOptions q = settings.options();
    String column = q.incrementalColumn().orElseThrow();
    Object last = output.max(spark, column).map(Watermarks::normalize).orElse(null);
    SourceProbe.Bounds upper = probe.bounds(sql, column);
    String keyPath = ExtractConfig.SECTION + "." + ExtractConfig.QUERIES + "." + query + "." + ExtractConfig.LOOKBACK;
    Object fromValue = Watermarks.minusLookback(keyPath, last, q.lookback());
    String from = fromValue == null ? null : fromValue.toString();
    String to = upper.hi() == null ? null : upper.hi().toString();
    if (upper.hi() == null || Watermarks.caughtUp(fromValue, upper.hi())) {
      return new Increment(from, to, null, false);
    }
    String restricted = dialect.incrementalQuery(sql, column, fromValue == null ? null : dialect.literal(fromValue), dialect.literal(upper.hi()));
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
    return request.destination().isPath() ? settings.format() : OutputFormat.DELTA;
  }
}
