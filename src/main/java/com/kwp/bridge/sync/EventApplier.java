package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.ApplySql;
import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.OutcomeUnknownException;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.jdbc.ColumnInfo;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.jdbc.TableProbe;
import com.kwp.bridge.jdbc.Transactions;
import com.kwp.bridge.jdbc.bulk.BulkColumn;
import com.kwp.bridge.jdbc.bulk.PartitionLoader;
import com.kwp.bridge.jdbc.bulk.BulkLoad;
import com.kwp.bridge.logging.PhaseTimes;
import com.kwp.bridge.security.Grant;
import com.kwp.bridge.security.Permissions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * One attempt at applying one event: ledger check, source read and checks, staging load on the executors,
 * then one target transaction (set-based statement, delete guard, ledger row, staging drop). Retries are the
 * caller's; each attempt starts from a fresh connection and a fresh staging table.
 */
public final class EventApplier {
  private static final Logger LOG = Logger.getLogger(EventApplier.class.getName());
  private final ConnectionConfig target;
  private final SqlDialect dialect;
  private final SyncConfig config;
  private final Ledger ledger;
  private final IdClaims claims;
  private final StagingArea staging;

  /**
   * Outcome of a successful attempt; {@code alreadyApplied} when the ledger had it (nothing was done, and
   * {@code sourceVersion} is null); otherwise the source's Delta version that was read. {@code counts}: what
   * the target's statements did (for a dry run, what they would do: they were rolled back).
   */
  public record Result(Long rowsExpected, long rowsAffected, boolean alreadyApplied, Long sourceVersion, RowCounts counts) {}

  public EventApplier(ConnectionConfig target, SqlDialect dialect, SyncConfig config) {
    this.target = target;
    this.dialect = dialect;
    this.config = config;
    this.ledger = new Ledger(config.ledgerSchema());
    this.claims = new IdClaims(config.ledgerSchema());
    this.staging = new StagingArea(config.stagingSchema(), config.ledgerSchema(), config.stagingGrace());
  }

  /**
   * Ledger, claimed ids (created from {@code claimed}, the ids the status table holds, when missing) and staging
   * schema exist; with {@code jobStart} (SyncJob's start, not the operator API) both
   * schemas are checked to hold only the bridge's tables and leftover staging tables of crashed runs are
   * dropped (never one whose lease is younger than the grace period: it may be a concurrent load).
   */
  public void prepareTarget(boolean jobStart, java.util.function.Supplier<java.util.Iterator<IdClaims.Claim>> claimed) {
    withRunner(r -> {
      ledger.ensure(r);
      staging.ensureSchema(r);
      if (jobStart) {
        boolean shared = dialect.names().identifiersCaseSensitive() ? config.ledgerSchema().equals(config.stagingSchema())
            : config.ledgerSchema().equalsIgnoreCase(config.stagingSchema());
        ledger.checkOnlyBridgeTables(r, shared);
        if (!shared) {
          staging.checkOnlyStagingTables(r);
        }
        staging.dropLeftovers(r, id -> ledger.lookup(r, id).isPresent());
      }
      claims.ensure(r, claimed); // last: it leaves the connection out of auto-commit
      return null;
    });
  }

  /** True when {@code target} lies in the ledger or staging schema: never a target, whatever the grants say. */
  public boolean isBridgeSchema(TableName target) {
    boolean cs = dialect.names().identifiersCaseSensitive();
    return target.inSchema(config.ledgerSchema(), cs) || target.inSchema(config.stagingSchema(), cs);
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** For each of {@code ids} already claimed, the commit version that claimed it (null: an operator call). */
  public java.util.Map<String, Long> claimed(List<String> ids) {
    return ids.isEmpty() ? java.util.Map.of() : withRunner(r -> claims.lookup(r, ids));
  }

  /** Claims the ids, in one transaction, before anything is decided for their events. */
  public void claim(List<IdClaims.Claim> ids) {
    claim(ids, List.of());
  }

  /** Claims {@code ids} and takes over the dry-run claims of {@code previewed}, in one transaction. */
  public void claim(List<IdClaims.Claim> ids, List<IdClaims.Claim> previewed) {
    if (!ids.isEmpty() || !previewed.isEmpty()) {
      withRunner(r -> {
        claims.claim(r, ids, previewed);
        return null;
      });
    }
  }

  /** Rows affected recorded in the ledger for {@code eventId}, if it was applied. */
  public Optional<Long> ledgerLookup(String eventId) {
    return withRunner(r -> ledger.lookup(r, eventId));
  }

  /** Secrets of the target (URL properties, password) masked in {@code text}: for messages, logs, status and audit rows. */
  public String scrub(String text) {
    return com.kwp.bridge.security.Redactor.scrub(text, List.of(target.password()));
  }

  /**
   * One attempt on one driver connection (ledger, metadata, staging DDL, the apply transaction): a
   * connection per step cost a login each, which on SQL Server with TLS is tens of milliseconds. The rows
   * expected come from the load itself and the key checks run on the staging table in the target, so the
   * source is read exactly once.
   */
  public Result apply(SparkSession spark, ValidEvent e, Grant grant, String principal) {
    Connection c = JdbcConnections.open(target);
    SqlRunner r = new SqlRunner(c, dialect);
    TableName stage = staging.tableFor(e.id());
    boolean staged = false;
    Long sourceVersion = null;
    long expected = 0;
    PhaseTimes times = new PhaseTimes();
    try {
      Optional<Long> done = ledger.lookup(r, e.id());
      if (done.isPresent()) {
        return new Result(null, done.get(), true, null, RowCounts.UNKNOWN);
      }
      List<ColumnInfo> targetColumns = TableProbe.columns(r, e.target());
      SourceData source = SourceData.read(spark, e, targetColumns(r, e.target(), targetColumns), dialect.names().identifiersCaseSensitive());
      sourceVersion = source.version();
      times.lap("source checked");
      if (e.operation() == Operation.INSERT && config.directInsert() && !e.options().dryRun()) {
        return directInsert(spark, r, e, source, targetColumns, times);
      }
      staged = true;
      staging.create(r, e.id(), stage, e.target(), source.columns());
      BulkLoad load = bulkLoad(stage, StagingArea.columns(targetColumns, source.columns()), source.columns(), false);
      times.lap("staging table");
      LongAccumulator loaded = spark.sparkContext().longAccumulator("bridge rows loaded " + e.id());
      String path = PartitionLoader.load(source.rows(), load, loaded);
      expected = loaded.value();
      times.lap("staged " + expected + " rows by " + path);
      ValidationException.check(expected > 0 || e.operation() != Operation.REPLACE || e.options().allowEmptyReplace(),
          "event %s: REPLACE source %s has no rows%s, so it would empty target %s; nothing was changed. Set options.%s = true"
              + " to empty it on purpose", e.id(), e.raw().sourceTable(), e.raw().sourceFilter() == null ? "" : " after its filter",
          e.target(), EventOptions.ALLOW_EMPTY);
      Applied applied = finalTransaction(r, e, grant, principal, source, stage, times);
      staged = e.options().dryRun(); // a dry run's rollback undid the staging drop too
      LOG.info(() -> "event " + e.id() + " " + e.operation() + " " + e.target() + (e.options().dryRun() ? " (dry run, rolled back)" : "")
          + ": " + times);
      return new Result(expected, applied.affected(), false, sourceVersion, applied.counts());
    } catch (OutcomeUnknownException unknown) {
      Optional<Long> after = ledgerLookup(e.id());
      if (after.isPresent()) {
        LOG.warning(() -> "event " + e.id() + ": commit outcome was unknown; the ledger shows it applied");
        return new Result(expected, after.get(), false, sourceVersion, RowCounts.UNKNOWN);
      }
      throw unknown;
    } finally {
      Transactions.closeQuietly(c);
      if (staged) {
        dropQuietly(stage);
      }
    }
  }

  /** Rows affected by the event's statements, and how they split. */
  private record Applied(long affected, RowCounts counts) {}

  /**
   * The apply transaction: key checks, the statements, the delete guard, the ledger row and the staging
   * drop, committed together; a dry run does the same and rolls it all back (no ledger row).
   */
  private Applied finalTransaction(SqlRunner runner, ValidEvent e, Grant grant, String principal, SourceData source, TableName stage,
      PhaseTimes times) {
    boolean dryRun = e.options().dryRun();
    java.util.function.Function<SqlRunner, Applied> work = r -> {
      boolean oneStatement = upsertsByUniqueKey(r, e, source);
      if (joinsStaging(e.operation(), oneStatement)) {
        dialect.apply().analyzeStaging(stage).ifPresent(sql -> r.execute("analyze staging " + stage, SqlStatement.of(sql)));
      }
      checkStagedKeys(r, e, source, stage, !oneStatement);
      times.lap("key checks");
      // a dry run splits a one-statement UPSERT by the target's row count before and after; a TRUNCATE counts nothing itself
      boolean truncates = e.operation() == Operation.REPLACE && config.truncateReplace();
      Long before = (dryRun && oneStatement) || truncates ? countRows(r, e.target()) : null;
      long affected = 0;
      RowCounts counts = new RowCounts(null, null, null);
      for (Step step : statements(e, source, stage, oneStatement)) {
        long n;
        try {
          n = r.execute(e.operation() + " " + e.target(), SqlStatement.of(step.sql()));
        } catch (DatabaseException d) {
          if (oneStatement && dialect.apply().isDuplicateSourceKey(d.sqlState())) {
            throw duplicateKeys(e, source);
          }
          throw d;
        }
        if (step.counted() != Counted.NOT_COUNTED) { // a TRUNCATE's count is 0 or -1, by driver
          affected += n;
          counts = counts.plus(step.counts(n));
        }
      }
      if (truncates) {
        affected += before;
        counts = counts.plus(new RowCounts(null, null, before));
      } else if (before != null) {
        long inserted = countRows(r, e.target()) - before;
        counts = new RowCounts(inserted, affected - inserted, null);
      }
      if (e.operation() == Operation.DELETE) {
        // The guard is the DELETE's own row count, inside its transaction: over the grant, the throw rolls
        // it back. Exact (no other writer can change the count in between) and no second join over the target.
        Permissions.checkDeleteLimit(principal, e.target().toString(), grant, affected);
      }
      times.lap(oneStatement ? "upsert by the unique key" : "statements");
      if (!dryRun) {
        ledger.record(r, e.id(), affected);
        staging.drop(r, stage);
      }
      return new Applied(affected, counts);
    };
    Applied applied = dryRun ? Transactions.inRolledBackTransaction(runner, "preview event " + e.id(), work)
        : Transactions.inTransaction(runner, "apply event " + e.id(), work);
    times.lap(dryRun ? "rolled back" : "committed");
    return applied;
  }

  /**
   * True when a statement joins the staging table to the target (UPDATE, DELETE, a two-statement UPSERT): only
   * a join needs the staged rows' statistics. INSERT and REPLACE read staging once, in order; analyzing 300k
   * staged rows for them cost a third of a second for nothing.
   */
  static boolean joinsStaging(Operation op, boolean oneStatementUpsert) {
    return switch (op) {
      case UPDATE, DELETE -> true;
      case UPSERT -> !oneStatementUpsert;
      case INSERT, REPLACE -> false;
    };
  }

  private long countRows(SqlRunner r, TableName table) {
    return r.query("count the rows of " + table, SqlStatement.of(dialect.apply().countRows(table)), rs -> rs.getLong(1)).get(0);
  }

  /**
   * An UPSERT with values to set runs as one statement when the dialect has one and the target has a unique
   * index on exactly the event's keys; it needs no statistics, and the database itself refuses duplicate keys.
   */
  private boolean upsertsByUniqueKey(SqlRunner r, ValidEvent e, SourceData source) {
    if (e.operation() != Operation.UPSERT || source.columns().size() == source.keys().size()) {
      return false;
    }
    return dialect.catalog().uniqueKeyIndex(e.target(), source.keys())
        .map(probe -> !r.query("find a unique index on the keys of " + e.target(), probe, rs -> 1).isEmpty())
        .orElse(false);
  }

  /**
   * No NULL key (plain equality never matches NULL: see SqlDialect's key policy) and, for UPDATE/UPSERT,
   * one row per key as the target compares keys, else the target row's final value would be arbitrary.
   */
  private void checkStagedKeys(SqlRunner r, ValidEvent e, SourceData source, TableName stage, boolean duplicates) {
    if (source.keys().isEmpty()) {
      return;
    }
    boolean nulls = r.query("check staged keys for NULL", SqlStatement.of(dialect.apply().stagingHasNullKeys(stage, source.keys())),
        rs -> rs.getInt(1) == 1).get(0);
    ValidationException.check(!nulls, "event %s: the source has rows with a NULL in key column(s) %s", e.id(), source.keys());
    if (duplicates && (e.operation() == Operation.UPDATE || e.operation() == Operation.UPSERT)) {
      boolean dups = r.query("check staged keys for duplicates", SqlStatement.of(dialect.apply().stagingHasDuplicateKeys(stage, source.keys())),
          rs -> rs.getInt(1) == 1).get(0);
      if (dups) {
        throw duplicateKeys(e, source);
      }
    }
  }

  private static ValidationException duplicateKeys(ValidEvent e, SourceData source) {
    return new ValidationException(String.format("event %s: the source has duplicate keys %s as the target compares them;"
        + " UPDATE/UPSERT need one row per key", e.id(), source.keys()));
  }

  /** One statement of an apply and which count its row count is. */
  record Step(String sql, Counted counted) {
    RowCounts counts(long n) {
      return switch (counted) {
        case INSERTED -> new RowCounts(n, null, null);
        case UPDATED -> new RowCounts(null, n, null);
        case DELETED -> new RowCounts(null, null, n);
        case UPSERTED, NOT_COUNTED -> RowCounts.UNKNOWN;
      };
    }
  }

  enum Counted { INSERTED, UPDATED, DELETED, UPSERTED, NOT_COUNTED }

  /**
   * The set-based statement(s) for the operation; UPSERT = one statement by the target's unique key, or update
   * matches, then insert the rest; REPLACE = delete (or truncate, as configured) every target row, then insert the
   * staged ones, in the one apply transaction.
   */
  List<Step> statements(ValidEvent e, SourceData s, TableName stage, boolean upsertByUniqueKey) {
    List<String> values = values(s);
    ApplySql sql = dialect.apply();
    Step insertMissing = new Step(sql.insertMissingFromStaging(e.target(), stage, s.keys(), s.columns()), Counted.INSERTED);
    return switch (e.operation()) {
      case INSERT -> List.of(new Step(sql.insertFromStaging(e.target(), stage, s.columns()), Counted.INSERTED));
      case UPDATE -> List.of(new Step(sql.updateFromStaging(e.target(), stage, s.keys(), values), Counted.UPDATED));
      case UPSERT -> upsertByUniqueKey ? List.of(new Step(sql.upsertFromStaging(e.target(), stage, s.keys(), s.columns(), values), Counted.UPSERTED))
          : values.isEmpty() ? List.of(insertMissing)
          : List.of(new Step(sql.updateFromStaging(e.target(), stage, s.keys(), values), Counted.UPDATED), insertMissing);
      case DELETE -> List.of(new Step(sql.deleteFromStaging(e.target(), stage, s.keys()), Counted.DELETED));
      case REPLACE -> List.of(config.truncateReplace() ? new Step(sql.truncateTable(e.target()), Counted.NOT_COUNTED)
              : new Step(sql.deleteAllRows(e.target()), Counted.DELETED),
          new Step(sql.insertFromStaging(e.target(), stage, s.columns()), Counted.INSERTED));
    };
  }

  private static List<String> values(SourceData s) {
    List<String> values = new ArrayList<>(s.columns());
    values.removeAll(s.keys());
    return values;
  }

  /**
   * INSERT without staging: one task streams every row into the target inside the transaction that also
   * checks and writes the ledger row, so the event is all or nothing and applied once, and each row is
   * written once (a staged INSERT writes it twice). The ledger then holds the rows affected, whichever
   * attempt committed.
   */
  private Result directInsert(SparkSession spark, SqlRunner r, ValidEvent e, SourceData source, List<ColumnInfo> targetColumns,
      PhaseTimes times) {
    List<ColumnInfo> written = targetColumns.stream().filter(c -> source.columns().contains(c.name())).toList();
    BulkLoad load = bulkLoad(e.target(), written, source.columns(), true);
    LongAccumulator loaded = spark.sparkContext().longAccumulator("bridge rows inserted " + e.id());
    if (!PartitionLoader.loadInOneTransaction(source.rows(), load, loaded, new LedgerGuard(ledger, dialect, e.id()))) {
      Transactions.inTransaction(r, "record empty insert " + e.id(), t -> {
        ledger.record(t, e.id(), 0);
        return 0L;
      });
    }
    long affected = ledger.lookup(r, e.id()).orElseThrow(() -> new IllegalStateException(
        "event " + e.id() + ": the direct insert finished but the ledger has no row for it"));
    long expected = loaded.value() > 0 ? loaded.value() : affected;
    times.lap("inserted " + expected + " rows in one transaction");
    LOG.info(() -> "event " + e.id() + " INSERT " + e.target() + ": " + times);
    return new Result(expected, affected, false, source.version(), new RowCounts(affected, null, null));
  }

  /** The ledger's check and record inside a direct load's transaction, on the executor's connection. */
  private record LedgerGuard(Ledger ledger, SqlDialect dialect, String eventId) implements PartitionLoader.TransactionGuard {
    @Override
    public boolean proceed(Connection c) {
      return ledger.lookup(new SqlRunner(c, dialect), eventId).isEmpty();
    }

    @Override
    public void finish(Connection c, long rows) {
      ledger.record(new SqlRunner(c, dialect), eventId, rows);
    }
  }

  /** The target's columns with what a write must supply (NOT NULL without a default), for the drift check. */
  private List<TargetColumn> targetColumns(SqlRunner r, TableName table, List<ColumnInfo> columns) {
    java.util.Map<String, boolean[]> rules = new java.util.HashMap<>();
    r.query("read the column rules of " + table, dialect.catalog().columnRulesQuery(table), rs -> {
      rules.put(rs.getString(1), new boolean[] {rs.getBoolean(2), rs.getBoolean(3)});
      return null;
    });
    return columns.stream().map(c -> {
      boolean[] rule = rules.getOrDefault(c.name(), new boolean[] {false, true});
      return new TargetColumn(c, rule[0], rule[1]);
    }).toList();
  }

  /** What the executors load into {@code table}: its {@code columns}, each fed from its source column (or the partition id). */
  private BulkLoad bulkLoad(TableName table, List<ColumnInfo> columns, List<String> sourceColumns, boolean direct) {
    List<BulkColumn> cols = new ArrayList<>();
    for (ColumnInfo ci : columns) {
      int idx = sourceColumns.indexOf(ci.name());
      boolean partition = !direct && ci.name().equalsIgnoreCase(ApplySql.STAGING_PARTITION_COLUMN);
      cols.add(new BulkColumn(ci.name(), ci.jdbcType(), ci.typeName(), ci.precision(), ci.scale(), partition ? BulkColumn.PARTITION_ID : idx));
    }
    return new BulkLoad(target, dialect, table, cols, config.bulkBatchSize(), (int) config.bulkTimeout().toSeconds(), direct);
  }

  private void dropQuietly(TableName stage) {
    try {
      withRunner(r -> {
        staging.drop(r, stage);
        return null;
      });
    } catch (RuntimeException ex) {
      LOG.warning(() -> "could not drop staging table " + stage + " (dropped at next start): " + ex.getMessage());
    }
  }

  private <T> T withRunner(java.util.function.Function<SqlRunner, T> work) {
    Connection c = JdbcConnections.open(target);
    try {
      return work.apply(new SqlRunner(c, dialect));
    } finally {
      Transactions.closeQuietly(c);
    }
  }
}
