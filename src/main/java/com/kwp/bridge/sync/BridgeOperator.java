package com.kwp.bridge.sync;

import com.kwp.bridge.audit.AuditRecord;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.lake.TableRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The operator API for notebooks and other JARs (what the old tool called its "Jobs SDK"). Uses the same
 * engine as SyncJob: same validation, permissions, ledger, status and audit.
 * <pre>
 * BridgeOperator op = BridgeOperator.fromConfig(spark, Path.of("/Workspace/.../conf"));
 * long rows = op.syncToSqlServer("main.panel.calibrated", "dbo.CalibrationResults", "UPSERT", List.of("id hogar", "periodo"));
 * </pre>
 */
public final class BridgeOperator {
  private final SparkSession spark;
  private final SyncEngine engine;

  public BridgeOperator(SparkSession spark, SyncEngine engine) {
    this.spark = spark;
    this.engine = engine;
  }

  /**
   * From the config folder (common.conf + permissions.conf + environment). {@code extractToSpark} reads with
   * the same folder and the templates in the {@code queries} folder beside it.
   */
  public static BridgeOperator fromConfig(SparkSession spark, Path configDir) {
    return new BridgeOperator(spark, SyncEngine.fromConfig(configDir, Map.of(), null))
        .withExtract(com.kwp.bridge.extract.DataFrameExtract.fromConfig(spark, configDir, configDir.toAbsolutePath().resolveSibling("queries")));
  }

  /**
   * Applies one event now, synchronously, as the session's current user (who must be a principal of
   * permissions.conf with grants on the source and the target); returns rows affected.
   *
   * @throws BridgeException when the event is rejected or fails (status and audit are recorded first)
   */
  public long syncToSqlServer(String source, String target, String operation, List<String> keys) {
    return syncToSqlServer(source, target, operation, keys, null);
  }

  /**
   * As {@link #syncToSqlServer(String, String, String, List)}; {@code principal} (an identity or display
   * name) is checked against the session's current user and the event is rejected when it names someone else.
   */
  public long syncToSqlServer(String source, String target, String operation, List<String> keys, String principal) {
    engine.prepare(spark, false);
    SyncEvent e = EventSubmitter.newEvent(operation, source, target, keys, null, principal == null ? currentUser(spark) : principal, Map.of())
        .withCommitUser(currentUser(spark));
    // a new id, claimed so that a row of the events table reusing it later is refused as a duplicate
    engine.applier().claim(List.of(new IdClaims.Claim(e.eventId(), null)));
    List<AuditRecord> audit = EventProcessor.synchronizedList();
    EventOutcome o = engine.processor().process(spark, e, audit::add);
    engine.status().merge(spark, List.of(o));
    engine.audit().append(spark, List.copyOf(audit));
    if (o.status() != EventStatus.COMPLETED) {
      throw new BridgeException(o.errorClass() == null ? ErrorClass.INTERNAL : ErrorClass.valueOf(o.errorClass()),
          "event " + e.eventId() + " " + o.status().value() + ": " + o.errorMessage());
    }
    return o.rowsAffected();
  }

  /**
   * A dry run of one event now, as the session's current user: every check and statement of the real run
   * (grants, filter, source read, staging load, key checks, delete limit), then a rollback. The outcome's
   * status is {@code previewed}, with the rows that would be inserted, updated and deleted, or the first error
   * the real run would meet. Nothing is changed in the target, the ledger or the claimed ids.
   */
  public EventOutcome previewSync(String source, String target, String operation, List<String> keys) {
    return previewSync(source, target, operation, keys, null);
  }

  /** As {@link #previewSync(String, String, String, List)}, {@code principal} checked as {@link #syncToSqlServer} checks it. */
  public EventOutcome previewSync(String source, String target, String operation, List<String> keys, String principal) {
    engine.prepare(spark, false);
    SyncEvent e = EventSubmitter.newEvent(operation, source, target, keys, null, principal == null ? currentUser(spark) : principal,
        Map.of(EventOptions.DRY_RUN, "true")).withCommitUser(currentUser(spark));
    List<AuditRecord> audit = EventProcessor.synchronizedList();
    EventOutcome o = engine.processor().process(spark, e, audit::add);
    engine.status().merge(spark, List.of(o));
    engine.audit().append(spark, List.copyOf(audit));
    return o;
  }

  /** The session's authenticated user ({@code current_user()}: the Databricks user or service principal; locally the OS user). */
  public static String currentUser(SparkSession spark) {
    return spark.sql("SELECT current_user()").head().getString(0);
  }

  /** The status row of an event (status "pending" when submitted and not picked up yet). */
  public Optional<Row> getSyncEvent(String eventId) {
    return engine.status().get(spark, eventId);
  }

  /** Latest events, optionally only those with {@code status} (pending, completed, failed, rejected). */
  public List<Row> listSyncEvents(String status, int limit) {
    return engine.status().list(spark, status, limit);
  }

  /**
   * Checks what can be checked now (principal known, source exists and is granted, target granted, filter
   * allowed) and appends an event for SyncJob to apply; returns its id. {@code principal} null = the session's current user.
   */
  public String submitEvent(String operation, String source, String target, List<String> keys, String filter, String principal) {
    String who = principal == null ? currentUser(spark) : principal;
    SyncEvent e = EventSubmitter.newEvent(operation, source, target, keys, filter, who, Map.of());
    return new EventSubmitter(TableRef.of(engine.tables().events())).submitChecked(spark, e, engine.submitChecks());
  }

  // ---------------------------------------------------------------- SQL Server to a DataFrame (notebooks)

  private com.kwp.bridge.extract.DataFrameExtract extract;

  /**
   * Where {@code extractToSpark} reads: ExtractJob's config folder and templates, e.g.
   * {@code op.withExtract(DataFrameExtract.fromConfig(spark, conf, queries))}; returns this operator.
   */
  public BridgeOperator withExtract(com.kwp.bridge.extract.DataFrameExtract extract) {
    this.extract = extract;
    return this;
  }

  /** SQL text from the extract source as a DataFrame (nothing is written; the caller writes it). */
  public org.apache.spark.sql.Dataset<Row> extractToSpark(String sql) {
    return extractSide().sql(sql);
  }

  /** A configured table, a template or a source table by name, for a country, planned as ExtractJob plans it. */
  public org.apache.spark.sql.Dataset<Row> extractToSpark(String queryOrTable, String country) {
    return extractSide().queryOrTable(queryOrTable, country);
  }

  private com.kwp.bridge.extract.DataFrameExtract extractSide() {
    if (extract == null) {
      throw new BridgeException(ErrorClass.CONFIG, "extractToSpark needs the extract config: build the operator with "
          + "BridgeOperator.fromConfig(spark, confFolder), or call op.withExtract(DataFrameExtract.fromConfig(spark, conf, queries)) first.");
    }
    return extract;
  }
}
