package com.kwp.bridge.extract;

import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.error.ExtractFailedException;
import com.kwp.bridge.lake.ExtractRunsTable;
import com.kwp.bridge.lake.LakeOutput;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.lake.WriteSettings;
import com.kwp.bridge.security.Redactor;
import java.io.PrintStream;
import com.kwp.bridge.logging.LogContext;
import com.kwp.bridge.progress.ProgressReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every query of a request, several at once on a bounded pool of driver threads (each query's Spark
 * jobs carry their own job group, so the Spark UI tells them apart). A failing query becomes a FAILED result
 * and the others carry on; at the end the summary is printed, the results are appended to the runs table,
 * and the run throws naming every failed query.
 */
public final class ExtractRunner {
  private static final Logger LOG = Logger.getLogger(ExtractRunner.class.getName());

  private final SparkSession spark;
  private final PrintStream out;
  private final Duration progressInterval;
  private final PrintStream terminal;

  public ExtractRunner(SparkSession spark, PrintStream out) {
    this(spark, out, Duration.ZERO, null);
  }

  /**
   * Reports live progress every {@code progressInterval} (zero: off) as an in-place line on {@code terminal},
   * or as log lines when {@code terminal} is null.
   */
  public ExtractRunner(SparkSession spark, PrintStream out, Duration progressInterval, PrintStream terminal) {
    this.spark = spark;
    this.out = out;
    this.progressInterval = progressInterval;
    this.terminal = terminal;
  }

  /** The effective run-level settings in one readable line (per-query plans are logged per query). */
  static String settingsLine(com.kwp.bridge.config.ExtractConfig c) {
    return "format=" + c.format().key() + ", mode=" + c.mode().key() + ", max-concurrent-queries=" + c.maxConcurrentQueries()
        + ", fetch-size=" + c.fetchSize() + ", num-partitions=" + c.numPartitions() + ", on-schema-change=" + c.onSchemaChange().key()
        + ", runs-table=" + c.runsTable().orElse("(none)") + ", configured queries=" + new java.util.TreeSet<>(c.queries().keySet());
  }

  /** Runs the request; returns the results when every query succeeded or was skipped. */
  public List<QueryResult> run(ExtractRequest request) {
    try (LogContext ctx = LogContext.with(LogContext.RUN_ID, request.runId(), LogContext.COUNTRY, request.country())) {
      return runLogged(request);
    }
  }

  private List<QueryResult> runLogged(ExtractRequest request) {
    WriteSettings.applyDefaults(spark);
    SqlDialect dialect = Dialects.forUrl(request.source().url());
    LOG.info(() -> Redactor.scrub("Extract run " + request.runId() + " for " + request.country() + ": " + request.queries().size()
        + " queries from " + request.source().redactedUrl() + " to " + request.destination().value()
        + "; settings " + settingsLine(request.config()) + (request.overwrite() ? ", --overwrite" : "")
        + request.formatOverride().map(f -> ", --format " + f.key()).orElse(""), List.of(request.source().password())));
    // Before any query: a wrong password, an unwritable destination or runs table fails now, writing nothing.
    Preflight.extract(spark, request);
    int threads = Math.min(request.config().maxConcurrentQueries(), Math.max(1, request.queries().size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bridge-extract");
      t.setDaemon(true);
      return t;
    });
    List<QueryResult> results = new ArrayList<>();
    try (ProgressReporter progress = ProgressReporter.start(spark.sparkContext(), groupPrefix(request), progressInterval, terminal)) {
      List<Future<QueryResult>> futures = new ArrayList<>();
      for (String query : request.queries()) {
        futures.add(pool.submit(() -> runOne(request, dialect, query, progress)));
      }
      for (Future<QueryResult> f : futures) {
        results.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("extract run interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("extract worker failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    out.println();
    out.println(ExtractSummary.heading(request.country(), request.runId(), results));
    out.print(ExtractSummary.table(results));
    out.print(ExtractSummary.schemaChanges(results));
    String recordError = record(request, results);
    List<String> failed = results.stream().filter(QueryResult::failed).map(QueryResult::query).toList();
    if (!failed.isEmpty() || recordError != null) {
      List<String> names = new ArrayList<>(failed);
      StringBuilder details = new StringBuilder();
      results.stream().filter(QueryResult::failed)
          .forEach(r -> details.append("  ").append(r.query()).append(": ").append(r.error()).append(System.lineSeparator()));
      if (recordError != null) {
        names.add("(runs table)");
        details.append("  runs table: ").append(recordError);
      }
      throw new ExtractFailedException(request.country(), names, details.toString());
    }
    return results;
  }

  private static String groupPrefix(ExtractRequest request) {
    return "bridge-extract-" + request.runId() + "-";
  }

  private QueryResult runOne(ExtractRequest request, SqlDialect dialect, String query, ProgressReporter progress) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    String destination = null;
    String mode = null;
    String format = null;
    String group = groupPrefix(request) + query;
    spark.sparkContext().setJobGroup(group, "extract " + request.country() + "/" + query, false);
    progress.track(group, request.country() + "/" + query);
    try (LogContext ctx = LogContext.with(LogContext.RUN_ID, request.runId(), LogContext.COUNTRY, request.country(),
        LogContext.QUERY, query)) {
      QuerySettings settings = QuerySettings.resolve(request.config(), query, request.formatOverride(), request.overwrite());
      mode = settings.mode().key();
      LakeOutput output = request.destination().forQuery(query, QueryExtractor.effectiveFormat(request, settings));
      destination = output.location();
      format = output.format().key();
      QueryResult r = settings.mode() == com.kwp.bridge.config.WriteMode.CHANGES
          ? new ChangesExtractor(spark, request, dialect).extract(query, settings, output, startedAt)
          : new QueryExtractor(spark, request, dialect).extract(query, settings, output, startedAt);
      return r.withSeconds(Math.max(0, r.seconds() - progress.metrics().snapshot(group).queuedSeconds()));
    } catch (Exception thrown) {
      // Spark's JDBC source rethrows the driver's SQLException undeclared, so checked exceptions arrive here too
      Throwable e = thrown instanceof SchemaChangesNotApplied n ? n.getCause() : thrown;
      List<SchemaChange> changes = thrown instanceof SchemaChangesNotApplied n ? n.changes()
          : thrown instanceof SchemaChangeException s ? s.changes() : List.of();
      // One line at WARNING (the summary repeats it short); the trace is for --debug.
      LOG.warning("Query " + query + " failed: " + message(request, e));
      LOG.log(Level.FINE, "Query " + query + " failed", e);
      return QueryResult.failed(query, request.country(), destination, mode, format, (System.nanoTime() - start) / 1e9,
          message(request, e), startedAt, changes);
    } finally {
      progress.untrack(group);
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The error's message chain, secrets scrubbed; the root cause is kept when the top is a generic wrapper. */
  static String message(ExtractRequest request, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof java.sql.SQLException sql && !(e instanceof com.kwp.bridge.error.BridgeException)) {
      // A source error inside a Spark task arrives as "Job aborted due to stage failure ..."; lead with the database's words.
      return Redactor.scrub("source query failed: " + sql.getMessage().strip().lines().findFirst().orElse("")
          + " [SQLState " + sql.getSQLState() + "] (" + e.getClass().getSimpleName() + ")", List.of(request.source().password()));
    }
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
    if (root != e && root.getMessage() != null && (e.getMessage() == null || !e.getMessage().contains(root.getMessage()))) {
      sb.append(" (cause: ").append(root.getMessage()).append(')');
    }
    return Redactor.scrub(sb.toString(), List.of(request.source().password()));
  }

  /** Appends results to the runs table; returns an error message instead of throwing so the summary stays first. */
  private String record(ExtractRequest request, List<QueryResult> results) {
    if (request.config().runsTable().isEmpty()) {
      return null;
    }
    TableRef table = TableRef.of(request.config().runsTable().get()); // already absolute when a path (ExtractConfig)
    try {
      new ExtractRunsTable(table).append(spark, ExtractSummary.rows(request.runId(), results));
      return null;
    } catch (Exception e) { // AnalysisException arrives undeclared
      LOG.log(Level.WARNING, "Cannot append to runs table " + table, e);
      return "cannot append to " + table + " (extract.runs-table): " + e.getMessage();
    }
  }
}
