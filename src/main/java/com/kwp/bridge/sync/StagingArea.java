package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.jdbc.SqlRunner;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The bridge-owned staging schema in the target database. Staging tables are real tables named after the
 * event id ({@code stage_<event id>}), so two events never collide and a crashed run's leftover is found.
 */
public final class StagingArea {
  private static final Logger LOG = Logger.getLogger(StagingArea.class.getName());
  static final String PREFIX = "stage_";
  private final String schema;

  public StagingArea(String schema) {
    this.schema = schema;
  }

  public TableName tableFor(String eventId) {
    return TableName.of(schema, PREFIX + eventId.toLowerCase(Locale.ROOT).replace('-', '_'));
  }

  public void ensureSchema(SqlRunner runner) {
    runner.execute("create staging schema " + schema, SqlStatement.of(runner.dialect().createSchemaIfMissing(schema)));
  }

  /** Drops every staging table left by a crashed run; call at start, before any event is applied. */
  public int dropLeftovers(SqlRunner runner) {
    List<String> names = runner.query("list staging leftovers", SqlStatement.of(runner.dialect().listTablesWithPrefix(PREFIX), schema),
        rs -> rs.getString(1));
    for (String n : names) {
      drop(runner, TableName.of(schema, n));
      LOG.info(() -> "Dropped leftover staging table " + schema + "." + n + " (from an interrupted run)");
    }
    return names.size();
  }

  public void create(SqlRunner runner, TableName staging, TableName target, List<String> columns) {
    drop(runner, staging);
    runner.execute("create staging table " + staging, SqlStatement.of(runner.dialect().createStagingTable(staging, target, columns)));
  }

  public void drop(SqlRunner runner, TableName staging) {
    runner.execute("drop staging table " + staging, SqlStatement.of(runner.dialect().dropTableIfExists(staging)));
  }
}
