package com.kwp.bridge.extract;

import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.OnStale;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.config.TableSpec;
import com.kwp.bridge.dialect.ReadSql;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.error.ChangeTrackingException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.lake.ChangeVersion;
import com.kwp.bridge.lake.ChangesMerge;
import com.kwp.bridge.lake.DeltaOutput;
import com.kwp.bridge.lake.LakeOutput;
import com.kwp.bridge.logging.PhaseTimes;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * {@code mode = changes} for one table: the first run (or a re-snapshot) reads the whole table and commits
 * it with the change version read just before; later runs read the keys changed since the destination's
 * version, joined to their current rows, and MERGE them into Delta by primary key (a key whose row is gone
 * is deleted). The version travels inside the same Delta commit as the data ({@link ChangesMerge}), so a
 * crash before the commit repeats nothing and a crash after it loses nothing. See the README, "Changes mode".
 */
public final class ChangesExtractor {
  private static final Logger LOG = Logger.getLogger(ChangesExtractor.class.getName());

  private final SparkSession spark;
  private final ExtractRequest request;
  private final SqlDialect dialect;
  private final ReadPlanner planner;
  private final ChangeTrackingSource changes;

  public ChangesExtractor(SparkSession spark, ExtractRequest request, SqlDialect dialect) {
    this.spark = spark;
    this.request = request;
    this.dialect = dialect;
    this.planner = new ReadPlanner(request.source(), dialect, request.config(), request.params(), request.queriesDir());
    this.changes = new ChangeTrackingSource(request.source(), dialect);
  }

  /** Runs one table; throws on any failure (the runner turns it into a FAILED result). */
  public QueryResult extract(String query, QuerySettings settings, LakeOutput output, Instant startedAt) {
    long start = System.nanoTime();
    PhaseTimes times = new PhaseTimes();
    String path = ExtractConfig.SECTION + "." + ExtractConfig.TABLES + "." + query;
    if (!(output instanceof DeltaOutput delta)) {
      throw new ConfigException(path + ".mode = changes needs Delta output (a MERGE that deletes); set " + path
          + ".format = delta or write to a catalog.schema destination.");
    }
    TableSpec spec = request.config().tables().get(query);
    ReadPlanner.Source source = planner.source(query);
    TableSource.ResolvedTable table = source.table().orElseThrow();
    String name = table.renderedName();
    ConfigException.check(table.where() == null, "%s.where cannot be used with mode = changes: a row leaving the filter"
        + " would never be deleted from Delta; remove it and filter downstream.", path);
    TableMetadata metadata = planner.metadata(source);
    List<String> missing = changes.missing(table.table(), metadata);
    if (!missing.isEmpty()) {
      throw new ChangeTrackingException(name, ChangeTrackingException.Reason.NOT_READY, path + " (" + name
          + ") is not ready for mode = changes:\n  - " + String.join("\n  - ", missing));
    }
    List<String> keys = metadata.primaryKey().orElseThrow().columns();
    List<String> columns = spec.columns().isEmpty() ? metadata.columns().stream().map(CatalogColumn::name).toList() : spec.columns();
    ConfigException.check(columns.containsAll(keys), "%s.columns must include the primary key %s: mode = changes merges by it.",
        path, keys);
    ConfigException.check(!columns.contains(ReadSql.CHANGE_OP_COLUMN), "%s has a column named %s, which mode = changes uses"
        + " for the operation; list the other columns in %s.columns.", name, ReadSql.CHANGE_OP_COLUMN, path);

    times.lap("preflight");
    ChangesMerge lake = new ChangesMerge(delta.table());
    ChangesMerge.Recorded recorded = lake.recorded(spark, name);
    // Read before any data: whatever changes after it is read again next run, and the MERGE makes that harmless.
    long current = changes.currentVersion(table.table());
    String resnapshot = request.overwrite() ? "--overwrite asks for a new snapshot" : stale(table, recorded, current);
    if (resnapshot != null && !request.overwrite() && spec.changes().onStale() == OnStale.FAIL) {
      throw new ChangeTrackingException(name, ChangeTrackingException.Reason.STALE, path + ": " + resnapshot + "; set " + path + "."
          + ExtractConfig.ON_STALE + " = " + OnStale.RESNAPSHOT.key() + " or rerun with --overwrite to take a new snapshot.");
    }
    ChangeVersion version = new ChangeVersion(name, current);
    times.lap("versions");
    if (recorded.version().isEmpty() || resnapshot != null) {
      String why = resnapshot != null ? resnapshot : "first run: " + recorded.why();
      LOG.info(() -> "Query " + query + ": snapshot of " + name + " at change version " + current + " (" + why + ")");
      QueryResult snapshot = snapshot(query, settings, source, lake, version, output, start, startedAt);
      times.lap("snapshot");
      LOG.info(() -> "Query " + query + ": " + times);
      return snapshot;
    }
    long last = recorded.version().get().version();
    if (current == last) {
      LOG.info(() -> "Query " + query + ": " + name + " has no change since version " + last);
      return result(query, settings, output, 0, 0, 0, start, last, current, startedAt);
    }
    String sql = dialect.reads().changesQuery(table.table(), keys, columns, last, current);
    sql = ReadCasts.apply(dialect.reads(), sql, planner.probe().columns(sql)).orElse(sql);
    LOG.info("Query " + query + ": changes of " + name + " after version " + last + " up to " + current + ", merged by " + keys);
    // Changes are one row per changed key: small next to the table, so one partition (one consistent statement).
    var rows = new JdbcReader(request.source(), dialect).dataFrame(ChangesMerge.committing(spark, version), sql,
        PartitionPlan.single("changes since version " + last), settings.fetchSize());
    ChangesMerge.Counts counts = lake.merge(rows, keys, columns, ReadSql.CHANGE_OP_COLUMN, version);
    ValidationException.check(counts.rowsWritten() <= counts.sourceRows(),
        "Query %s: MERGE changed %d rows of %s from %d changed keys; a key matched more than one row, rerun with --overwrite.",
        query, counts.rowsWritten(), output.location(), counts.sourceRows());
    times.lap("changes read and merged");
    LOG.info(() -> "Query " + query + ": " + counts.inserted() + " inserted, " + counts.updated() + " updated, " + counts.deleted()
        + " deleted from " + counts.sourceRows() + " changed keys; " + times);
    return result(query, settings, output, 1, counts.sourceRows(), counts.rowsWritten(), start, last, current, startedAt);
  }

  /** Why the destination's version cannot be continued from (null when it can). */
  private String stale(TableSource.ResolvedTable table, ChangesMerge.Recorded recorded, long current) {
    if (recorded.version().isEmpty()) {
      return recorded.exists() ? recorded.why() : null;
    }
    long last = recorded.version().get().version();
    if (current < last) {
      return "the source's current change version " + current + " is below the destination's " + last
          + " (the database was restored, or change tracking turned off and on)";
    }
    long min = changes.minValidVersion(table.table());
    if (last < min) {
      return "the destination is at change version " + last + " but the source keeps changes only after version " + min
          + " (the older ones were cleaned up before this run read them)";
    }
    return null;
  }

  /** The whole table, planned and validated as any extract, replacing the destination in one commit with {@code version}. */
  private QueryResult snapshot(String query, QuerySettings settings, ReadPlanner.Source source, ChangesMerge lake,
      ChangeVersion version, LakeOutput output, long start, Instant startedAt) {
    String sql = ReadCasts.apply(dialect.reads(), source.sql(), planner.probe().columns(source.sql())).orElse(source.sql());
    PartitionPlan plan = planner.plan(source, sql, settings);
    LOG.info("Query " + query + ": " + plan.description());
    JdbcReader.ObservedRead observed = new JdbcReader(request.source(), dialect)
        .read(ChangesMerge.committing(spark, version), sql, plan, settings.fetchSize());
    long written = lake.snapshot(spark, observed.rows(), version);
    long read = observed.rowsRead();
    ValidationException.check(read == written,
        "Query %s: read %d rows from the source but %s holds %d rows; the snapshot may be incomplete, rerun with --overwrite.",
        query, read, output.location(), written);
    return result(query, settings, output, plan.partitions(), read, written, start, null, version.version(), startedAt);
  }

  private QueryResult result(String query, QuerySettings s, LakeOutput out, int parts, long read, long written, long startNanos,
      Long from, long to, Instant startedAt) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return new QueryResult(query, request.country(), out.location(), s.mode().key(), out.format().key(), parts, read, written,
        seconds, from == null ? null : from.toString(), Long.toString(to), QueryResult.Status.OK, null, startedAt);
  }
}
