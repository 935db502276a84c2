package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.ApplySql;
import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.jdbc.ColumnInfo;
import com.kwp.bridge.jdbc.SqlRunner;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The bridge-owned staging schema in the target database. Staging tables are real tables named after the
 * event id ({@code stage_<event id>}, lower case, '-' as '_'), so two events never collide and a crashed
 * run's leftover is found. Each is covered by a lease row (in the ledger schema) taken before it is created:
 * start-up cleanup drops a staging table only when its event is in the ledger, it has no lease, or its lease
 * is older than the grace period, so a load in flight (a concurrent {@code syncToSqlServer}) is never dropped.
 */
public final class StagingArea {
  private static final Logger LOG = Logger.getLogger(StagingArea.class.getName());
  static final String PREFIX = "stage_";
  /** Exactly what {@link #tableFor} produces from a valid event id (see EventValidator). */
  static final Pattern NAME = Pattern.compile("stage_[a-z0-9][a-z0-9_]{0,63}");
  public static final String LEASES = "staging_leases";
  private final String schema;
  private final TableName leases;
  private final Duration grace;

  public StagingArea(String schema, String ledgerSchema, Duration grace) {
    this.schema = schema;
    this.leases = TableName.of(ledgerSchema, LEASES);
    this.grace = grace;
  }

  public String schema() {
    return schema;
  }

  public TableName tableFor(String eventId) {
    return TableName.of(schema, PREFIX + eventId.toLowerCase(Locale.ROOT).replace('-', '_'));
  }

  static boolean isStagingName(String table) {
    return NAME.matcher(table).matches();
  }

  public void ensureSchema(SqlRunner runner) {
    runner.execute("create staging schema " + schema, SqlStatement.of(runner.dialect().bookkeeping().createSchemaIfMissing(schema)));
    runner.execute("create staging leases " + leases, SqlStatement.of(runner.dialect().bookkeeping().createLeaseTable(leases)));
  }

  /** Names of the tables in {@code schemaName} (exact, as the database stores them). */
  static List<String> tablesIn(SqlRunner runner, String schemaName) {
    return runner.query("list tables of " + schemaName, SqlStatement.of(runner.dialect().bookkeeping().listTables(), schemaName), rs -> rs.getString(1));
  }

  /** Refuses to start when the staging schema holds a table that is not a staging table of the bridge. */
  public void checkOnlyStagingTables(SqlRunner runner) {
    List<String> foreign = tablesIn(runner, schema).stream().filter(n -> !isStagingName(n)).sorted().toList();
    ConfigException.check(foreign.isEmpty(), "staging schema %s holds table(s) %s that are not the bridge's (stage_<event id>);"
        + " the bridge drops tables there, so move them elsewhere or set sync.staging-schema to a schema only the bridge uses", schema, foreign);
  }

  /**
   * Drops leftover staging tables of crashed runs: those matching the pattern whose event is in the ledger
   * ({@code applied}), that have no lease, or whose lease is older than the grace period. Call at start.
   */
  public int dropLeftovers(SqlRunner runner, Predicate<String> applied) {
    Map<String, Lease> byTable = new HashMap<>();
    runner.query("read staging leases", SqlStatement.of(runner.dialect().bookkeeping().leaseAges(leases)),
        rs -> byTable.put(rs.getString(1), new Lease(rs.getString(2), rs.getLong(3))));
    int dropped = 0;
    Set<String> present = new java.util.HashSet<>();
    for (String n : tablesIn(runner, schema)) {
      present.add(n);
      if (!isStagingName(n)) {
        continue;
      }
      Lease lease = byTable.get(n);
      String why = lease == null ? "no lease" : applied.test(lease.eventId()) ? "its event is in the ledger"
          : lease.ageSeconds() > grace.toSeconds() ? "lease older than sync.staging-grace " + grace : null;
      if (why == null) {
        LOG.info(() -> "Kept staging table " + schema + "." + n + ": event " + lease.eventId() + " may still be loading (lease "
            + lease.ageSeconds() + " s old)");
        continue;
      }
      drop(runner, TableName.of(schema, n));
      dropped++;
      String reason = why;
      LOG.info(() -> "Dropped leftover staging table " + schema + "." + n + " (" + reason + ")");
    }
    for (String stale : byTable.keySet()) {
      if (!present.contains(stale) && (applied.test(byTable.get(stale).eventId()) || byTable.get(stale).ageSeconds() > grace.toSeconds())) {
        release(runner, stale);
      }
    }
    return dropped;
  }

  private record Lease(String eventId, long ageSeconds) {}

  /** Takes the lease, then creates the staging table (a retry of the same event starts from a fresh one). */
  public void create(SqlRunner runner, String eventId, TableName staging, TableName target, List<String> columns) {
    drop(runner, staging);
    runner.execute("take staging lease " + staging, SqlStatement.of(runner.dialect().bookkeeping().leaseInsert(leases), staging.table(), eventId));
    runner.execute("create staging table " + staging, SqlStatement.of(runner.dialect().apply().createStagingTable(staging, target, columns)));
  }

  /**
   * The columns of the staging table {@link #create} makes, known without asking the database (a round trip, and
   * on some servers a catalog query): {@code columns}, each with the target's type as {@code target} describes it,
   * in that order, then the INTEGER partition id (see the dialects' createStagingTable).
   */
  public static List<ColumnInfo> columns(List<ColumnInfo> target, List<String> columns) {
    List<ColumnInfo> out = new ArrayList<>();
    for (String name : columns) {
      out.add(target.stream().filter(c -> c.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException("source column " + name + " is not a column of the target")));
    }
    out.add(new ColumnInfo(ApplySql.STAGING_PARTITION_COLUMN, Types.INTEGER, "integer", 10, 0));
    return out;
  }

  /** Drops the staging table and releases its lease. */
  public void drop(SqlRunner runner, TableName staging) {
    runner.execute("drop staging table " + staging, SqlStatement.of(runner.dialect().apply().dropTableIfExists(staging)));
    release(runner, staging.table());
  }

  private void release(SqlRunner runner, String table) {
    runner.execute("release staging lease " + table, SqlStatement.of(runner.dialect().bookkeeping().leaseDelete(leases), table));
  }
}
