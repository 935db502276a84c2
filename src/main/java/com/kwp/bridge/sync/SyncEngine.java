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
import org.apache.spark.sql.SparkSession;

/** SyncJob's parts, wired once from parsed configuration (driver side only; never shipped to executors). */
public final class SyncEngine {
  private final SyncConfig config;
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
    SqlDialect dialect = Dialects.forUrl(target.url());
    this.config = config;
    this.tables = tables;
    this.run = run;
    this.applier = new EventApplier(target, dialect, config);
    this.processor = new EventProcessor(applier, permissions, retrier, run);
    this.status = new StatusStore(TableRef.of(tables.status()), TableRef.of(tables.events()));
    this.audit = new AuditSink(TableRef.of(tables.audit()));
  }

  static RetryPolicy policy(SyncConfig c) {
    return new RetryPolicy(c.retry().maxAttempts(), c.retry().baseDelay(), c.retry().maxDelay());
  }

  /** Creates the Delta tables that are missing and prepares the target (ledger, staging schema, leftovers). */
  public void prepare(SparkSession spark, boolean dropStagingLeftovers) {
    EventTables.createIfMissing(spark, eventsTable(), TableRef.of(tables.status()), TableRef.of(tables.audit()));
    applier.prepareTarget(dropStagingLeftovers);
  }

  /** Builds the engine from the config folder (common.conf, permissions.conf, environment, overrides). */
  public static SyncEngine fromConfig(java.nio.file.Path configDir, java.util.Map<String, String> overrides, String runId) {
    com.typesafe.config.Config c = com.kwp.bridge.config.ConfigLoader.load(
        new com.kwp.bridge.config.ConfigLoader.Request(configDir, null, java.util.Map.of(), overrides, System.getenv()));
    return new SyncEngine(com.kwp.bridge.config.ConnectionConfigs.from(c, "target"), SyncConfig.from(c), TablesConfig.from(c),
        com.kwp.bridge.config.PermissionsLoader.load(configDir), RunContext.of(runId));
  }

  public SyncConfig config() {
    return config;
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
