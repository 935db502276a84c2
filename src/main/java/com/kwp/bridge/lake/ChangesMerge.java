package com.kwp.bridge.lake;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Delta side of {@code mode = changes}: every commit that moves data carries the source change version
 * it is consistent with in its {@code userMetadata} (the writer option for a snapshot, the session's
 * {@code commitInfo.userMetadata} for a MERGE), so the next run reads the version from the destination
 * itself and a crash can never separate data from version. Runs on the driver; rows stay on the executors.
 */
public final class ChangesMerge {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ChangesMerge.class.getName());
  /** Delta's SQL conf for the userMetadata of the session's next commits (a MERGE has no writer option). */
  static final String USER_METADATA_CONF = "spark.databricks.delta.commitInfo.userMetadata";
  /** Delta operations that change no row, so a bridge version below them still describes the table. */
  private static final Set<String> NO_ROW_CHANGE = Set.of("OPTIMIZE", "VACUUM START", "VACUUM END", "SET TBLPROPERTIES",
      "UNSET TBLPROPERTIES", "ADD CONSTRAINT", "DROP CONSTRAINT", "CHANGE COLUMN", "REORG", "UPGRADE PROTOCOL", "CREATE TABLE");
  /** Table property written only when a run's changes touched no row, so its version still gets a commit. */
  static final String VERSION_PROPERTY = "bridge.changes.version";
  /**
   * Deletion vectors let a MERGE mark its updated and deleted rows in the files it touches instead of rewriting
   * each of those files whole; changed keys spread over the table touch every file, so without them every
   * changes run rewrites the whole table. Readers need Delta 2.3+ (Databricks Runtime 12.2+).
   */
  static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  private final TableRef table;

  public ChangesMerge(TableRef table) {
    this.table = table;
  }

  /** What the destination records: the version of its latest bridge commit, or why there is none. */
  public record Recorded(boolean exists, Optional<ChangeVersion> version, String why) {}

  /** What a MERGE of changes did, from its commit metrics. */
  public record Counts(long sourceRows, long inserted, long updated, long deleted) {
    public long rowsWritten() {
      return inserted + updated + deleted;
    }
  }

  /**
   * The version the destination is consistent with: that of its latest commit written by the bridge for
   * {@code source}. None when the table is missing (a first run), when a later commit changed rows outside
   * the bridge, or when no such commit is left in the Delta log (its retention, 30 days by default).
   */
  public Recorded recorded(SparkSession spark, String source) {
    if (!table.exists(spark)) {
      return new Recorded(false, Optional.empty(), table + " does not exist yet");
    }
    // Newest commits first, commit metadata only, never data; a page at a time, since the answer is almost
    // always the newest commit (the last run's), while the whole retained history can be thousands of commits.
    DeltaTable delta = table.deltaTable(spark);
    for (int limit : HISTORY_PAGES) {
      List<Row> page = (limit == 0 ? delta.history() : delta.history(limit)).select("version", "operation", "userMetadata").collectAsList();
      Optional<Recorded> found = recorded(page, source);
      if (found.isPresent()) {
        return found.get();
      }
      if (limit == 0 || page.size() < limit) { // every retained commit was seen
        boolean onlyCreated = page.stream().allMatch(c -> c.getString(1).equals("CREATE TABLE"));
        return onlyCreated
            ? new Recorded(false, Optional.empty(), table + " exists but is empty (a snapshot that never committed)")
            : new Recorded(true, Optional.empty(), table + " has no bridge change version left in its Delta log");
      }
    }
    throw new IllegalStateException("unreachable: the last history page is the whole history");
  }

  /** Sizes of the history pages {@link #recorded} reads in turn; 0 is the whole retained history. */
  private static final int[] HISTORY_PAGES = {1, 25, 0};

  /** The answer the newest-first {@code commits} give, if one of them decides it. */
  private Optional<Recorded> recorded(List<Row> commits, String source) {
    for (Row commit : commits) {
      Optional<ChangeVersion> v = ChangeVersion.parse(commit.isNullAt(2) ? null : commit.getString(2));
      if (v.isPresent()) {
        if (!v.get().source().equals(source)) {
          return Optional.of(new Recorded(true, Optional.empty(), table + " was last written by mode = changes from " + v.get().source()
              + ", not " + source));
        }
        return Optional.of(new Recorded(true, v, ""));
      }
      String op = commit.getString(1);
      if (!NO_ROW_CHANGE.contains(op)) {
        return Optional.of(new Recorded(true, Optional.empty(), table + " version " + commit.getLong(0) + " (" + op
            + ") changed rows after the bridge's last change version, or the bridge never wrote it in mode = changes"));
      }
    }
    return Optional.empty();
  }

  /**
   * A session whose Delta commits carry {@code version}: a new session of the same Spark context, so
   * queries running at the same time in the parent session never commit under another table's version.
   */
  public static SparkSession committing(SparkSession spark, ChangeVersion version) {
    SparkSession s = spark.newSession();
    s.conf().set(USER_METADATA_CONF, version.toUserMetadata());
    return s;
  }

  /**
   * Replaces the destination with {@code rows} in one commit carrying {@code version}; returns the rows it
   * wrote. A new table whose column names need column mapping is created empty first (a commit with no
   * version, which {@link #recorded} treats as a first run).
   */
  public long snapshot(SparkSession parent, Dataset<Row> rows, ChangeVersion version) {
    if (DeltaOutput.needsColumnMapping(rows.schema()) && !table.exists(parent)) {
      Map<String, String> properties = new LinkedHashMap<>(DeltaOutput.COLUMN_MAPPING);
      properties.put(DELETION_VECTORS, "true");
      table.createIfMissing(parent, rows.schema(), properties, "extracted by the SQL-Databricks Bridge (mode = changes)");
    }
    // A "delta." option is a table property of a table this write creates (an existing table keeps its own; see merge).
    DataFrameWriter<Row> writer = rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .option(DELETION_VECTORS, "true").option("userMetadata", version.toUserMetadata());
    table.save(writer);
    return metric(latestCommit(rows.sparkSession(), version), "numOutputRows");
  }

  /**
   * MERGEs one row per changed key by {@code keys}: {@code op = 'D'} deletes the key, any other row
   * updates or inserts it with every column of {@code columns}. {@code changes} must come from
   * {@link #committing}'s session, so the commit carries {@code version}. When nothing changed no MERGE
   * commit is made; a table-property commit then records the version alone.
   */
  public Counts merge(Dataset<Row> changes, List<String> keys, List<String> columns, String opColumn, ChangeVersion version) {
    SparkSession session = changes.sparkSession();
    String on = keys.stream().map(k -> "t." + LakeOutput.col(k) + " = s." + LakeOutput.col(k)).collect(Collectors.joining(" AND "));
    Map<String, String> assign = new LinkedHashMap<>();
    for (String c : columns) {
      assign.put(LakeOutput.col(c), "s." + LakeOutput.col(c));
    }
    String op = "s." + LakeOutput.col(opColumn);
    enableDeletionVectors(session);
    table.deltaTable(session).as("t").merge(changes.as("s"), on)
        .whenMatched(op + " = 'D'").delete()
        .whenMatched().updateExpr(assign)
        .whenNotMatched(op + " <> 'D'").insertExpr(assign)
        .execute();
    Row last = table.deltaTable(session).history(1).select("userMetadata", "operationMetrics").first();
    if (!version.toUserMetadata().equals(last.isNullAt(0) ? null : last.getString(0))) {
      recordVersionOnly(session, version);
      return new Counts(0, 0, 0, 0);
    }
    Map<Object, Object> m = last.getJavaMap(1);
    return new Counts(metric(m, "numSourceRows"), metric(m, "numTargetRowsInserted"), metric(m, "numTargetRowsUpdated"),
        metric(m, "numTargetRowsDeleted"));
  }

  /**
   * Turns deletion vectors on for a destination that does not say either way (a table the bridge snapshotted
   * before it set them, or one replaced by a catalog's CREATE OR REPLACE); an explicit {@code false} is left
   * alone. Its own metadata-only commit, made without the change version (a session without the commit
   * metadata), so a crash before the MERGE leaves the last recorded version the newest.
   */
  private void enableDeletionVectors(SparkSession committing) {
    SparkSession plain = committing.newSession();
    plain.conf().unset(USER_METADATA_CONF);
    // The snapshot's metadata only (DeltaTable.detail() would compute the table's file statistics first).
    boolean said = plain.sql("SHOW TBLPROPERTIES " + table.sqlName()).collectAsList().stream()
        .anyMatch(r -> r.getString(0).equals(DELETION_VECTORS));
    if (said) {
      return;
    }
    plain.sql("ALTER TABLE " + table.sqlName() + " SET TBLPROPERTIES ('" + DELETION_VECTORS + "' = 'true')");
    LOG.info(() -> "Turned on deletion vectors for " + table + " (" + DELETION_VECTORS + " = true): a MERGE of changes marks"
        + " the rows it replaces instead of rewriting every file it touches; readers need Delta 2.3+ (Databricks Runtime 12.2+)."
        + " Set it to false on the table to keep it off.");
  }

  private void recordVersionOnly(SparkSession session, ChangeVersion version) {
    session.sql("ALTER TABLE " + table.sqlName() + " SET TBLPROPERTIES ('" + VERSION_PROPERTY + "' = '" + version.version() + "')");
    latestCommit(session, version);
  }

  /** The metrics of the latest commit, which must be this run's (another writer in between is an error, not a guess). */
  private Map<Object, Object> latestCommit(SparkSession session, ChangeVersion version) {
    Row last = table.deltaTable(session).history(1).select("userMetadata", "operationMetrics").first();
    String meta = last.isNullAt(0) ? null : last.getString(0);
    if (!version.toUserMetadata().equals(meta)) {
      throw new IllegalStateException("the latest commit of " + table + " does not carry change version " + version.version()
          + " (found '" + meta + "'): another writer committed at the same time; rerun");
    }
    return last.getJavaMap(1);
  }

  private static long metric(Map<Object, Object> metrics, String name) {
    Object v = metrics == null ? null : metrics.get(name);
    return v == null ? 0L : Long.parseLong(v.toString());
  }
}
