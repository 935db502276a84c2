package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.SqlStatement;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.jdbc.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code <ledger-schema>.claimed_event_ids} in the target: the write-once gate for event ids. Each id is claimed
 * by the events-table commit that first used it before anything is decided for it, so a later row with the
 * same id from another commit is a duplicate. It answers in one indexed query what a filtered read of the Delta
 * status table answered in a Spark job over a new snapshot each batch (0.3-1.3 s); only SyncJob's login writes
 * the ledger schema, as only SyncJob writes the status table.
 */
public final class IdClaims {
  private static final Logger LOG = Logger.getLogger(IdClaims.class.getName());
  public static final String TABLE = "claimed_event_ids";
  /** Rows per statement: SQL Server takes at most 2,100 parameters and 1,000 rows in one VALUES list. */
  private static final int CHUNK = 500;
  private final String schema;
  private final TableName table;

  /**
   * The commit version of a claim taken by dry runs only ({@code options.dry_run}): the id has a status row
   * (previewed) but was never applied, so a later real event may still use it, and then takes the claim over.
   */
  public static final long PREVIEW = -1L;

  /** An event id and the events-table commit version that used it (null: an operator call; {@link #PREVIEW}: dry runs only). */
  public record Claim(String eventId, Long commitVersion) {}

  public IdClaims(String schema) {
    this.schema = schema;
    this.table = TableName.of(schema, TABLE);
  }

  /**
   * Creates the table when it is missing, in one transaction with the claims of the ids that already have a
   * status row ({@code existing}, read only then): an existing table is always complete. True when it created it.
   */
  public boolean ensure(SqlRunner runner, Supplier<Iterator<Claim>> existing) {
    if (exists(runner)) {
      return false;
    }
    try {
      long n = Transactions.inTransaction(runner, "create and fill " + table, r -> {
        r.execute("create " + table, SqlStatement.of(r.dialect().bookkeeping().createClaimsTable(table)));
        return insert(r, existing.get());
      });
      LOG.info(() -> "created " + table + " with the " + n + " event id(s) the status table already held");
      return true;
    } catch (DatabaseException e) {
      if (exists(runner)) {
        return false; // a concurrent start created it first
      }
      throw e;
    }
  }

  private boolean exists(SqlRunner runner) {
    return StagingArea.tablesIn(runner, schema).stream().anyMatch(TABLE::equalsIgnoreCase);
  }

  /**
   * For each of {@code ids} already claimed, under any spelling it was claimed with ({@link EventId#storedSpellings}):
   * the commit version that claimed it (null for an operator call). Keyed by the canonical id.
   */
  public Map<String, Long> lookup(SqlRunner runner, List<String> ids) {
    List<String> spellings = ids.stream().flatMap(id -> EventId.storedSpellings(id).stream()).distinct().toList();
    Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < spellings.size(); i += CHUNK) {
      List<String> part = spellings.subList(i, Math.min(spellings.size(), i + CHUNK));
      SqlStatement st = new SqlStatement(runner.dialect().bookkeeping().claimsLookup(table, part.size()), List.copyOf(part));
      runner.query("look up claimed event ids", st, rs -> {
        long v = rs.getLong(2);
        Long version = rs.wasNull() ? null : v; // wasNull speaks of the last column read
        String id = EventId.canonical(rs.getString(1));
        if (out.get(id) == null) { // two spellings claimed: the one with a commit version tells a replay apart
          out.put(id, version);
        }
        return null;
      });
    }
    return out;
  }

  /** Claims every id in one transaction; an id claimed meanwhile by another run fails it (primary key). */
  public void claim(SqlRunner runner, List<Claim> claims) {
    claim(runner, claims, List.of());
  }

  /**
   * Claims {@code claims} and takes over {@code previewed} (ids claimed by dry runs only, see {@link #PREVIEW}),
   * in one transaction; an id taken meanwhile by another run fails it.
   */
  public void claim(SqlRunner runner, List<Claim> claims, List<Claim> previewed) {
    if (claims.isEmpty() && previewed.isEmpty()) {
      return;
    }
    Transactions.inTransaction(runner, "claim event ids", r -> {
      for (Claim c : previewed) {
        long n = r.execute("take over the dry-run claim of " + c.eventId(), new SqlStatement(r.dialect().bookkeeping().claimPromote(table),
            java.util.Arrays.asList(c.commitVersion(), c.eventId(), PREVIEW)));
        if (n != 1) {
          throw new com.kwp.bridge.error.ValidationException("event id " + c.eventId() + " was claimed by another run meanwhile");
        }
      }
      return insert(r, claims.iterator());
    });
  }

  private long insert(SqlRunner r, Iterator<Claim> claims) {
    long n = 0;
    List<Claim> part = new ArrayList<>(CHUNK);
    while (claims.hasNext()) {
      part.add(claims.next());
      if (part.size() == CHUNK || !claims.hasNext()) {
        List<Object> params = new ArrayList<>(2 * part.size());
        for (Claim c : part) {
          params.add(c.eventId());
          params.add(c.commitVersion());
        }
        n += r.execute("claim event ids", new SqlStatement(r.dialect().bookkeeping().claimsInsert(table, part.size()), params));
        part.clear();
      }
    }
    return n;
  }
}
