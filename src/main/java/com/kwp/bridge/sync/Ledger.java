package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.jdbc.SqlRunner;
import java.util.List;
import java.util.Optional;

/** {@code <ledger-schema>.applied_events} in the target: the proof an event was applied, written in its transaction. */
public final class Ledger implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  public static final String TABLE = "applied_events";
  private final String schema;
  private final TableName table;

  public Ledger(String schema) {
    this.schema = schema;
    this.table = TableName.of(schema, TABLE);
  }

  public TableName table() {
    return table;
  }

  public void ensure(SqlRunner runner) {
    runner.execute("create ledger schema " + schema, SqlStatement.of(runner.dialect().bookkeeping().createSchemaIfMissing(schema)));
    runner.execute("create ledger " + table, SqlStatement.of(runner.dialect().bookkeeping().createLedgerTable(table)));
  }

  /**
   * Refuses to start when the ledger schema holds tables that are not the bridge's (the ledger and the
   * staging leases; staging tables too when both settings name one schema).
   */
  public void checkOnlyBridgeTables(SqlRunner runner, boolean sharedWithStaging) {
    List<String> foreign = StagingArea.tablesIn(runner, schema).stream()
        .filter(n -> !n.equalsIgnoreCase(TABLE) && !n.equalsIgnoreCase(IdClaims.TABLE) && !n.equalsIgnoreCase(StagingArea.LEASES) && !(sharedWithStaging && StagingArea.isStagingName(n)))
        .sorted().toList();
    com.kwp.bridge.error.ConfigException.check(foreign.isEmpty(), "ledger schema %s holds table(s) %s that are not the bridge's (%s, %s, %s);"
        + " set sync.ledger-schema to a schema only the bridge uses", schema, foreign, TABLE, IdClaims.TABLE, StagingArea.LEASES);
  }

  /** Rows affected when the event was applied (under any spelling its id was recorded with); empty when it never was. */
  public Optional<Long> lookup(SqlRunner runner, String eventId) {
    List<String> ids = EventId.storedSpellings(eventId);
    List<Long> rows = runner.query("ledger lookup", SqlStatement.of(runner.dialect().bookkeeping().ledgerLookup(table, ids.size()),
        ids.toArray()), rs -> rs.getLong(1));
    return rows.stream().findFirst();
  }

  public void record(SqlRunner runner, String eventId, long rowsAffected) {
    runner.execute("ledger insert", SqlStatement.of(runner.dialect().bookkeeping().ledgerInsert(table), eventId, rowsAffected));
  }
}
