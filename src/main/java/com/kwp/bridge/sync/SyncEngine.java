package com.kwp.bridge.sync;

import com.kwp.bridge.audit.AuditSink;
import com.kwp.bridge.audit.RunContext;
import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.jdbc.Retrier;
import com.kwp.bridge.jdbc.RetryPolicy;
import com.kwp.bridge.lake.EventTables;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.security.Permissions;
import com.kwp.bridge.security.SourceName;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** SyncJob's parts, wired once from parsed configuration (driver side only; never shipped to executors). */
public final class SyncEngine {
  private final SyncConfig config;
  private final Permissions permissions;
  private final List<SourceName> bridgeOwned;
  private final TablesConfig tables;
  private final RunContext run;
  private final EventApplier applier;
  private final EventProcessor processor;
  private final StatusStore status;
  private final AuditSink audit;

  public SyncEngine(ConnectionConfig target, SyncConfig config, TablesConfig tables, Permissions permissions, RunContext run) {
    this(target, config, tables, permissions, run, new Retrier(policy(config)));
  }

  public SyncEngine(ConnectionConfig target, SyncConfig config, TablesConfig tables, Permissions permissions, RunContext run, Retrier retrier) {
    this(target, config, tables, permissions, run, retrier, List.of());
  }

  /** {@code otherOwnedTables}: further bridge tables that may never be a source (the extract runs table). */
  public SyncEngine(ConnectionConfig target, SyncConfig config, TablesConfig tables, Permissions permissions, RunContext run, Retrier retrier,
      List<String> otherOwnedTables) {
    SqlDialect dialect = Dialects.forUrl(target.url());
    this.config = config;
    this.tables = tables;
    this.run = run;
    this.permissions = permissions;
    this.applier = new EventApplier(target, dialect, config);
    this.bridgeOwned = bridgeOwned(tables, config, otherOwnedTables);
    this.processor = new EventProcessor(applier, new PrincipalResolver(permissions, config.identity()), bridgeOwned, retrier, run);
    this.status = new StatusStore(TableRef.of(tables.status()), TableRef.of(tables.events()));
    this.audit = new AuditSink(TableRef.of(tables.audit()));
  }

  /** The bridge's own Delta tables and checkpoint: never a source. */
  public static List<SourceName> bridgeOwned(TablesConfig tables, SyncConfig config, List<String> others) {
    List<String> owned = new ArrayList<>(List.of(tables.events(), tables.status(), tables.audit()));
    if (config.checkpoint() != null && !config.checkpoint().isBlank()) {
      owned.add(config.checkpoint());
    }
    owned.addAll(others);
    return owned.stream().map(SourceName::configured).toList();
  }

  /** The submit-time checks with this engine's permissions, schemas and target dialect. */
  public SubmitChecks submitChecks() {
    return new SubmitChecks(permissions, config, bridgeOwned, applier.dialect().names().identifiersCaseSensitive());
  }

  static RetryPolicy policy(SyncConfig c) {
    return new RetryPolicy(c.retry().maxAttempts(), c.retry().baseDelay(), c.retry().maxDelay());
  }

  /**
   * Creates the Delta tables that are missing and prepares the target (ledger, staging schema); with
   * {@code jobStart}, also checks the bridge's schemas hold only its tables and drops staging leftovers.
   */
  public void prepare(SparkSession spark, boolean jobStart) {
    EventTables.createIfMissing(spark, eventsTable(), TableRef.of(tables.status()), TableRef.of(tables.audit()));
    applier.prepareTarget(jobStart, () -> status.claims(spark));
  }

  /** Builds the engine from the config folder (common.conf, permissions.conf, environment, overrides). */
  public static SyncEngine fromConfig(java.nio.file.Path configDir, java.util.Map<String, String> overrides, String runId) {
    com.typesafe.config.Config c = com.kwp.bridge.config.ConfigLoader.load(
        new com.kwp.bridge.config.ConfigLoader.Request(configDir, null, java.util.Map.of(), overrides, System.getenv()));
    SyncConfig sync = SyncConfig.from(c);
    return new SyncEngine(com.kwp.bridge.config.ConnectionConfigs.from(c, "target"), sync, TablesConfig.from(c),
        com.kwp.bridge.config.PermissionsLoader.load(configDir), RunContext.of(runId), new Retrier(policy(sync)),
        com.kwp.bridge.config.ExtractConfig.runsTable(c).stream().toList());
  }

  public SyncConfig config() {
    return config;
  }

  public Permissions permissions() {
    return permissions;
  }

  public TablesConfig tables() {
    return tables;
  }

  public TableRef eventsTable() {
    return TableRef.of(tables.events());
  }

  public RunContext run() {
    return run;
  }

  public EventProcessor processor() {
    return processor;
  }

  public EventApplier applier() {
    return applier;
  }

  public StatusStore status() {
    return status;
  }

  public AuditSink audit() {
    return audit;
  }
}
