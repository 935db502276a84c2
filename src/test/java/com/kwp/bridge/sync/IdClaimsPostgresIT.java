package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The claimed-ids table on a real server: its one-time fill, lookups and claims across statement chunks, and a second claim of an id. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class IdClaimsPostgresIT {
  TestDatabase db;
  IdClaims claims;

  @BeforeAll
  void setUp() {
    db = TestDatabases.postgres();
    claims = new IdClaims(db.schema());
  }

  @AfterAll
  void tearDown() {
    db.close();
  }

  <T> T withRunner(Function<SqlRunner, T> work) {
    try (Connection c = db.open()) {
      return work.apply(new SqlRunner(c, db.dialect()));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<IdClaims.Claim> claimsOf(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> new IdClaims.Claim(prefix + i, i % 3 == 0 ? null : (long) i)).toList();
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void createdOnceWithTheExistingIdsThenLookedUpAndClaimedAcrossChunks() {
    List<IdClaims.Claim> existing = claimsOf("old-", 1_201); // more than two statements' worth of rows
    boolean created = withRunner(r -> claims.ensure(r, existing::iterator));
    assertTrue(created);
    int[] reads = {0};
    boolean again = withRunner(r -> claims.ensure(r, () -> {
      reads[0]++;
      return existing.iterator();
    }));
    assertFalse(again, "an existing table is complete: nothing is read again");
    assertEquals(0, reads[0]);

    List<String> ids = new ArrayList<>(existing.stream().map(IdClaims.Claim::eventId).toList());
    ids.add("never-used");
    Map<String, Long> found = withRunner(r -> claims.lookup(r, ids));
    Map<String, Long> expected = new HashMap<>();
    existing.forEach(c -> expected.put(c.eventId(), c.commitVersion()));
    List<String> wrong = expected.keySet().stream().filter(id -> !found.containsKey(id) || !java.util.Objects.equals(expected.get(id), found.get(id)))
        .limit(5).map(id -> id + "=" + found.get(id) + " (claimed " + expected.get(id) + ")").toList();
    assertEquals(List.of(), wrong, "every claim with its commit version, NULL for operator calls");
    assertEquals(expected.size(), found.size(), "an unused id is absent");

    List<IdClaims.Claim> fresh = claimsOf("new-", 600);
    withRunner(r -> {
      claims.claim(r, fresh);
      return null;
    });
    assertEquals(600, withRunner(r -> claims.lookup(r, fresh.stream().map(IdClaims.Claim::eventId).toList())).size());

    // another run claimed one of these ids meanwhile: the whole claim fails and claims nothing
    List<IdClaims.Claim> clash = List.of(new IdClaims.Claim("clash-1", 7L), new IdClaims.Claim("new-5", 99L));
    assertThrows(DatabaseException.class, () -> withRunner(r -> {
      claims.claim(r, clash);
      return null;
    }));
    Map<String, Long> after = withRunner(r -> claims.lookup(r, List.of("clash-1", "new-5")));
    assertEquals(Map.of("new-5", 5L), after);
  }

  /** Ids are canonical since 2026-12-03; a uuid a producer wrote in capitals before then is still known by its lower-case id. */
  @Test
  @org.junit.jupiter.api.Order(2)
  void aUuidClaimedAndAppliedInCapitalsBeforeIsFoundByItsLowerCaseId() {
    String lower = java.util.UUID.randomUUID().toString();
    String upper = lower.toUpperCase(java.util.Locale.ROOT);
    withRunner(r -> {
      claims.claim(r, List.of(new IdClaims.Claim(upper, 41L), new IdClaims.Claim("Calib-X", 42L)));
      return null;
    });
    assertEquals(Map.of(lower, 41L), withRunner(r -> claims.lookup(r, List.of(lower, "calib-x"))), "a uuid in any case, another id exactly");
    Ledger ledger = new Ledger(db.schema());
    withRunner(r -> {
      ledger.ensure(r);
      ledger.record(r, upper, 3);
      return null;
    });
    assertEquals(java.util.Optional.of(3L), withRunner(r -> ledger.lookup(r, lower)));
    assertEquals(java.util.Optional.empty(), withRunner(r -> ledger.lookup(r, java.util.UUID.randomUUID().toString())));
  }
}
