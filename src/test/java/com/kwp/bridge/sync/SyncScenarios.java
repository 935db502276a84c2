package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.testing.TestDatabase;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * SyncJob scenarios through the real streaming query (available-now trigger) against a real database;
 * bound to PostgreSQL and SQL Server by thin subclasses. Starting a stream run costs seconds, so every
 * scenario submits its events (each on its own target tables) before ONE run in {@link #setUp()}; the tests
 * then check their own tables, statuses and audit rows. The replay test runs last: it deletes the checkpoint
 * and replays every event of the class. Synchronous paths (operator API, pinned source reads, CLI) live in
 * {@link SyncDirectScenarios} on the same fixture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SyncScenarios extends SyncOwnerScenarios {
  static final int LAST = Integer.MAX_VALUE;
  boolean transientInjected;
  String insId;
  String typId;
  List<String> ordIds;
  String repId;
  String traId;
  String permBad;
  String permGood;
  String denStranger;
  String denReader;
  String denTooMany;
  Map<String, String> malformed;

  /** Makes the next write to {@code table} fail once with a transient error; false when the database cannot. */
  abstract boolean injectTransientFailureOnce(String table);

  /**
   * Makes the bulk load into staging table {@code stagingTable} (inside a Spark task on an executor) fail once
   * with a transient error; false when the database cannot.
   */
  abstract boolean injectTransientBulkFailureOnce(String stagingTable);

  /** True when a "text" key column compares case-insensitively, ignoring trailing spaces (SQL Server's default collations). */
  abstract boolean textKeysFoldCase();

  @BeforeAll
  void setUp() {
    f = new SyncFixture(newDatabase());
    submitInsert();
    submitTypes();
    submitOrdered();
    repId = f.submit("INSERT", panelSource("rep", panel(1, 1, "x", "1", null), panel(2, 1, "y", "2", null)), table("rep"), null, "team");
    submitTransient();
    submitPermanent();
    submitDenied();
    submitMalformed();
    submitCaseKeys();
    submitUpsertsWithoutUniqueKey();
    submitAttacks();
    submitExecutorTransient();
    submitOwnerOperations();
    writeOnceId = f.submit("INSERT", panelSource("wo", panel(1, 1, "x", "1", null), panel(2, 1, "y", "2", null)), table("wo"), null, "team");
    upperCaseId = f.submit("INSERT", panelSource("upc", panel(1, 1, "x", "1", null)), table("upc"), null, "team");
    f.runSync();
    // A second run over the same checkpoint: the stream went on after the failures above, and a re-used id arrives later.
    reusedId = f.appendRawAs(new SyncEvent(insId, "DELETE", panelSource("reuse", panel(1, 202401, null, null, null)),
        f.db.schema() + "." + "ins", KEYS, null, "readers", java.time.Instant.now(), Map.of(), -1L, null), f.identity("readers"));
    // the same id again, from a principal whose grant would let the DELETE through: stopped before the target changes
    writeOnceReuse = f.appendRawAs(new SyncEvent(writeOnceId, "DELETE", panelSource("wo_del", panel(1, 1, null, null, null)),
        f.db.schema() + "." + "wo", KEYS, null, "team", java.time.Instant.now(), Map.of(), -1L, null), f.identity("team"));
    submitOwnerFollowUps();
    // the same uuid spelt in capitals (SQL Server's NEWID() writes them so), written straight into the table by a
    // principal whose grant would let the DELETE through
    f.appendRawIdAs(new SyncEvent(upperCaseId, "DELETE", panelSource("upc_del", panel(1, 1, null, null, null)),
        f.db.schema() + "." + "upc", KEYS, null, "team", java.time.Instant.now(), Map.of(), -1L, null),
        upperCaseId.toUpperCase(java.util.Locale.ROOT), f.identity("team"));
    afterFailures = f.submit("INSERT", panelSource("after", panel(1, 1, "x", "1", null)), table("after"), null, "team");
    // an operator call's id (claimed with no commit version), reused by a row of the events table
    BridgeOperator op = new BridgeOperator(f.spark, f.engine());
    op.syncToSqlServer(panelSource("opr", panel(1, 1, "x", "1", null)), f.db.schema() + "." + table("opr"), "INSERT", null, "team");
    operatorId = op.listSyncEvents("completed", 1).get(0).getAs("event_id");
    f.appendRawAs(new SyncEvent(operatorId, "DELETE", panelSource("opr_del", panel(1, 1, null, null, null)),
        f.db.schema() + "." + "opr", KEYS, null, "team", java.time.Instant.now(), Map.of(), -1L, null), f.identity("team"));
    f.runSync();
    // An upgrade from a version without the claimed-ids table: the next start rebuilds it from the status table,
    // and an id used before then is still refused.
    f.db.execute("DROP TABLE " + f.db.dialect().names().quoteIdentifier("bridge") + "." + f.db.dialect().names().quoteIdentifier(IdClaims.TABLE));
    f.appendRawAs(new SyncEvent(afterFailures, "DELETE", panelSource("after_del", panel(1, 1, null, null, null)),
        f.db.schema() + "." + "after", KEYS, null, "team", java.time.Instant.now(), Map.of(), -1L, null), f.identity("team"));
    f.runSync();
  }

  String operatorId;

  @Test
  void anOperatorCallsIdReusedInTheEventsTableIsADuplicateAndChangesNothing() {
    assertReuseChangedNothing(operatorId, "opr", List.of("1|1|x|1.0000|null"), "already used by an earlier event");
  }

  /** The completed INSERT of {@code id} kept its status and its rows; its reuse left one DUPLICATE record. */
  void assertReuseChangedNothing(String id, String table, List<String> rows, String why) {
    Row st = f.status(id);
    assertEquals("completed", st.getAs("status"));
    assertEquals("INSERT", st.getAs("operation"));
    assertEquals(rows, panelRows(table), "nothing deleted");
    List<String> dup = f.auditDetails(id, "DUPLICATE");
    assertEquals(1, dup.size(), dup::toString);
    assertTrue(dup.get(0).contains(why), dup.get(0));
  }

  @AfterAll
  void tearDown() {
    f.db.close();
  }

  static final StructType TYPES = new StructType().add("id", DataTypes.IntegerType).add("day", DataTypes.DateType)
      .add("payload", DataTypes.BinaryType).add("flag", DataTypes.BooleanType);

  String table(String name) {
    createPanel(name);
    return name;
  }

  String panelSource(String name, Row... rows) {
    return f.source(name, PANEL, List.of(rows));
  }

  void submitInsert() {
    String src = panelSource("ins",
        panel(1, 202401, "São Paulo \"quoted\", comma", "1.2345", "2024-01-31 23:59:59.123456"),
        panel(2, 202401, null, null, null),
        panel(3, 202401, "", "-99999.0001", "1999-12-31 00:00:00"),
        panel(4, 202401, "北京\nline2", "0", "2024-02-29 12:00:00"));
    insId = f.submit("INSERT", src, table("ins"), null, "team");
  }

  @Test
  void insertCarriesNullsUnicodeDecimalsAndTimestampsIntoATableWithSpacedKeyNames() {
    Row st = f.status(insId);
    assertEquals("completed", st.getAs("status"), () -> String.valueOf((Object) st.getAs("error_message")));
    assertEquals(4L, (long) st.getAs("rows_affected"));
    assertEquals(0L, (long) st.getAs("discrepancy"));
    assertEquals(List.of(
        "1|202401|São Paulo \"quoted\", comma|1.2345|2024-01-31 23:59:59.123456",
        "2|202401|null|null|null",
        "3|202401||-99999.0001|1999-12-31 00:00:00",
        "4|202401|北京\nline2|0.0000|2024-02-29 12:00:00"), panelRows("ins"));
    assertEquals(1L, f.ledgerRows(insId));
    List<String> applied = f.auditDetails(insId, "APPLIED");
    assertEquals(1, applied.size(), applied::toString);
    assertTrue(applied.get(0).endsWith("source version 0, rows expected 4, rows affected 4") && applied.get(0).contains("commit identity "),
        applied.get(0));
  }

  @Test
  void theRunVerdictNamesEveryEventThisJobRunLeftFailedOrRejected() {
    // Read from the status table by job run id, so a task retry of the same run fails (and alerts) again.
    com.kwp.bridge.error.BridgeException e = org.junit.jupiter.api.Assertions.assertThrows(com.kwp.bridge.error.BridgeException.class,
        () -> com.kwp.bridge.cli.SyncJob.failIfEventsFailed(f.spark, f.engine()));
    assertTrue(e.getMessage().contains(permBad + " failed"), e.getMessage());
    assertTrue(e.getMessage().contains(denStranger + " rejected PERMISSION_DENIED"), e.getMessage());
    assertTrue(!e.getMessage().contains(permGood) && !e.getMessage().contains(insId), e.getMessage());
  }

  void submitTypes() {
    f.db.execute("CREATE TABLE " + f.db.qualified("typ") + " (id " + type("int") + " NOT NULL PRIMARY KEY, day " + type("date")
        + ", payload " + type("binary") + ", flag " + type("boolean") + ")");
    String src = f.source("typ", TYPES, List.of(
        RowFactory.create(1, Date.valueOf("2024-02-29"), new byte[] {0, 1, (byte) 0xff, 0x22, 0x2c}, true),
        RowFactory.create(2, Date.valueOf("1900-01-01"), new byte[0], false),
        RowFactory.create(3, null, null, null)));
    typId = f.submit("INSERT", src, "typ", null, "team");
  }

  @Test
  void dateBinaryAndBooleanColumnsArriveExactly() {
    assertEquals("completed", f.status(typId).getAs("status"), () -> String.valueOf((Object) f.status(typId).getAs("error_message")));
    assertEquals(List.of("1|2024-02-29|0001ff222c|true", "2|1900-01-01||false", "3|null|null|null"),
        f.typedRows("SELECT id, day, payload, flag FROM " + f.db.qualified("typ") + " ORDER BY id"));
  }

  void submitOrdered() {
    String base = panelSource("ord_base", panel(1, 1, "a", "1", null), panel(1, 2, "b", "2", null), panel(2, 1, "c", "3", null));
    String upd = panelSource("ord_upd", panel(1, 2, "b2", "20", null));
    String ups = panelSource("ord_ups", panel(1, 2, "b3", "200", null), panel(3, 1, "new", "4", null));
    String del = panelSource("ord_del", panel(2, 1, null, null, null));
    String t = table("ord");
    ordIds = List.of(f.submit("INSERT", base, t, null, "team"), f.submit("UPDATE", upd, t, KEYS, "team"),
        f.submit("UPSERT", ups, t, KEYS, "team"), f.submit("DELETE", del, t, KEYS, "team"));
  }

  @Test
  void eventsOnOneTableApplyInSubmissionOrderWithCompositeKeys() {
    for (String id : ordIds) {
      assertEquals("completed", f.status(id).getAs("status"), () -> String.valueOf((Object) f.status(id).getAs("error_message")));
    }
    assertEquals(2L, (long) f.status(ordIds.get(2)).getAs("rows_affected"));
    assertEquals(List.of("1|1|a|1.0000|null", "1|2|b3|200.0000|null", "3|1|new|4.0000|null"), panelRows("ord"));
  }

  void submitTransient() {
    String t = table("tra");
    transientInjected = injectTransientFailureOnce(t);
    if (transientInjected) {
      traId = f.submit("INSERT", panelSource("tra", panel(1, 1, "x", "1", null)), t, null, "team");
    }
  }

  @Test
  void aTransientFailureIsRetriedThenTheEventSucceeds() {
    Assumptions.assumeTrue(transientInjected, "database cannot inject a transient failure");
    Row st = f.status(traId);
    assertEquals("completed", st.getAs("status"), () -> String.valueOf((Object) st.getAs("error_message")));
    assertEquals(2, (int) st.getAs("attempts"));
    assertEquals(1, panelRows("tra").size());
  }

  boolean bulkTransientInjected;
  String etrId;

  void submitExecutorTransient() {
    // an UPSERT, so the failure is in a staging load's executor task (an INSERT loads the target directly: see submitTransient)
    etrId = f.submit("UPSERT", panelSource("etr", panel(1, 1, "x", "1", null), panel(2, 1, "y", "2", null)), table("etr"), KEYS, "team");
    bulkTransientInjected = injectTransientBulkFailureOnce("stage_" + etrId.toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  @Test
  void aTransientErrorInsideAnExecutorTaskIsRecognisedAndRetried() {
    Assumptions.assumeTrue(bulkTransientInjected, "database cannot inject a transient bulk-load failure");
    Row st = f.status(etrId);
    assertEquals("completed", st.getAs("status"), () -> String.valueOf((Object) st.getAs("error_message")));
    assertEquals(2, (int) st.getAs("attempts"));
    assertEquals(1, f.auditDetails(etrId, "RETRIED").size());
    assertEquals(2, panelRows("etr").size());
  }

  void submitPermanent() {
    String src = panelSource("perm", panel(1, 1, "x", "1", null));
    permBad = f.submit("INSERT", src, "does_not_exist", null, "team");
    permGood = f.submit("INSERT", src, table("perm"), null, "team");
  }

  @Test
  void aPermanentErrorFailsThatEventAndTheNextOneIsApplied() {
    Row st = f.status(permBad);
    assertEquals("failed", st.getAs("status"));
    assertEquals("VALIDATION", st.getAs("error_class"));
    assertTrue(((String) st.getAs("error_message")).contains("does_not_exist"), (String) st.getAs("error_message"));
    assertEquals("completed", f.status(permGood).getAs("status"));
    assertEquals(1, panelRows("perm").size());
  }

  void submitDenied() {
    String base = panelSource("den", panel(1, 1, "a", "1", null), panel(2, 1, "b", "1", null), panel(3, 1, "c", "1", null),
        panel(4, 1, "d", "1", null), panel(5, 1, "e", "1", null), panel(6, 1, "f", "1", null));
    String t = table("den");
    f.submit("INSERT", base, t, null, "team");
    denStranger = f.submit("INSERT", base, t, null, "stranger");
    denReader = f.submit("UPSERT", base, t, KEYS, "readers");
    denTooMany = f.submit("DELETE", base, t, KEYS, "team");
  }

  @Test
  void permissionDeniedAndDeleteLimitLeaveTheTargetUntouched() {
    assertEquals("rejected", f.status(denStranger).getAs("status"));
    assertEquals("PERMISSION_DENIED", f.status(denStranger).getAs("error_class"));
    assertEquals("rejected", f.status(denReader).getAs("status"));
    assertEquals("rejected", f.status(denTooMany).getAs("status"));
    assertEquals("DELETE_LIMIT", f.status(denTooMany).getAs("error_class"));
    assertEquals(6, panelRows("den").size());
    assertEquals(0L, f.ledgerRows(denTooMany));
  }

  void submitMalformed() {
    String t = table("mal");
    String dupes = panelSource("mal_dup", panel(1, 1, "a", "1", null), panel(1, 1, "b", "2", null));
    String nulls = f.source("mal_null", new StructType().add("id hogar", DataTypes.IntegerType).add("periodo", DataTypes.IntegerType),
        List.of(RowFactory.create(null, 1)));
    String target = f.db.schema() + "." + t;
    malformed = Map.of(
        "unknown operation", f.appendRaw(EventSubmitter.newEvent("MERGE", dupes, target, KEYS, null, "team", Map.of())),
        "needs primary_keys", f.appendRaw(EventSubmitter.newEvent("UPDATE", dupes, target, null, null, "team", Map.of())),
        "target_table", f.appendRaw(EventSubmitter.newEvent("INSERT", dupes, "a.b.c.d", null, null, "team", Map.of())),
        "duplicate keys", f.submit("UPSERT", dupes, t, KEYS, "team"),
        "NULL", f.submit("DELETE", nulls, t, KEYS, "team"),
        "source_filter", f.submit("INSERT", dupes, t, null, "team", "no_such_column > 1"));
  }

  @Test
  void malformedEventsFailWithAClearMessage() {
    malformed.forEach((messagePart, id) -> assertFailed(id, messagePart));
    assertEquals(0, panelRows("mal").size());
  }

  String caseKeysId;

  void submitCaseKeys() {
    f.db.execute("CREATE TABLE " + f.db.qualified("ck") + " (code " + type("key text") + " NOT NULL PRIMARY KEY, n " + type("int") + ")");
    String src = f.source("ck", new StructType().add("code", DataTypes.StringType).add("n", DataTypes.IntegerType),
        List.of(RowFactory.create("ab", 1), RowFactory.create("AB ", 2)));
    caseKeysId = f.submit("UPSERT", src, "ck", List.of("code"), "team");
  }

  /** "ab" and "AB " are two keys for Spark and PostgreSQL, one key for a _CI_ SQL Server column: checked as the target compares. */
  @Test
  void duplicateKeysAreCheckedWithTheTargetsKeyEquality() {
    if (textKeysFoldCase()) {
      assertFailed(caseKeysId, "duplicate keys [code] as the target compares them");
      assertEquals(0L, f.db.count(f.db.qualified("ck")));
    } else {
      assertEquals("completed", f.status(caseKeysId).getAs("status"), () -> String.valueOf((Object) f.status(caseKeysId).getAs("error_message")));
      assertEquals(List.of("AB |2", "ab|1"), f.rows("SELECT code, n FROM " + f.db.qualified("ck") + " ORDER BY n DESC"));
    }
  }

  List<String> noKeyIds;

  /** A target with no unique index on the keys: UPSERT is an UPDATE then an INSERT, duplicate keys checked first. */
  void submitUpsertsWithoutUniqueKey() {
    for (String t : List.of("nok", "nok_dup")) {
      f.db.execute("CREATE TABLE " + f.db.qualified(t) + " (" + q("id hogar") + " " + type("int") + " NOT NULL, periodo " + type("int")
          + " NOT NULL, nombre " + type("text") + ", peso " + type("decimal") + ", medido " + type("timestamp") + ")");
      f.db.execute("INSERT INTO " + f.db.qualified(t) + " (" + q("id hogar") + ", periodo, nombre) VALUES (1, 1, 'old')");
    }
    noKeyIds = List.of(f.submit("UPSERT", panelSource("nok", panel(1, 1, "new", "1", null), panel(2, 1, "added", "2", null)), "nok", KEYS, "team"),
        f.submit("UPSERT", panelSource("nok_dup", panel(1, 1, "a", "1", null), panel(1, 1, "b", "2", null)), "nok_dup", KEYS, "team"));
  }

  @Test
  void upsertWithoutAUniqueKeyUpdatesThenInsertsAndStillRefusesDuplicateKeys() {
    assertEquals("completed", f.status(noKeyIds.get(0)).getAs("status"), () -> String.valueOf(f.status(noKeyIds.get(0)).getAs("error_message")));
    assertEquals(2L, (long) f.status(noKeyIds.get(0)).getAs("rows_affected"));
    assertEquals(List.of("1|1|new|1.0000|null", "2|1|added|2.0000|null"), panelRows("nok"));
    assertFailed(noKeyIds.get(1), "duplicate keys");
    assertEquals(List.of("1|1|old|null|null"), panelRows("nok_dup"));
  }

  // ---------------------------------------------------------------- issue 8: each attack, through raw appends as a hostile producer would

  String spoofed;
  String unknownCommitter;
  Map<String, String> forbiddenFilters;
  String ungrantedSource;
  String bridgeSource;
  Map<String, String> badTargets;
  String bridgeTarget;
  String reusedId;
  String overflowId;
  String sameBatchId;
  String afterFailures;

  void submitAttacks() {
    String t = table("atk");
    String target = f.db.schema() + ".atk";
    String src = panelSource("atk", panel(1, 1, "a", "1", null), panel(2, 1, "b", "2", null));
    // Any principal can be claimed: requested_by names "team", the commit is by "readers" / by nobody known.
    spoofed = f.appendRawAs(EventSubmitter.newEvent("INSERT", src, target, null, null, "team", Map.of()), f.identity("readers"));
    unknownCommitter = f.appendRawAs(EventSubmitter.newEvent("INSERT", src, target, null, null, "team", Map.of()), "intruder@evil.test");
    // source_filter as arbitrary Spark SQL.
    forbiddenFilters = new java.util.LinkedHashMap<>();
    for (String filter : List.of("reflect('java.lang.System','getenv','TARGET_JDBC_PASSWORD') IS NOT NULL",
        "substr(reflect('java.lang.System','getenv','PATH'),1,1) = '/'", "reflect('java.lang.System','exit',7) IS NULL",
        "java_method('java.lang.System','exit',7) IS NULL", "EXISTS (TABLE other_table)", "periodo IN (SELECT 1)",
        "raise_error('x') IS NULL", "rand() < 2")) {
      forbiddenFilters.put(filter, f.appendRaw(EventSubmitter.newEvent("INSERT", src, target, null, filter, "team", Map.of())));
    }
    // Any readable table can be sent: a table outside the granted folder, and the bridge's own status table.
    String secret = f.dir.resolve("private").resolve("ssn").toString();
    f.sourceAt(secret, PANEL, List.of(panel(99, 1, "123-45-6789", "0", null)));
    ungrantedSource = f.appendRaw(EventSubmitter.newEvent("INSERT", secret, target, null, null, "team", Map.of()));
    bridgeSource = f.appendRaw(EventSubmitter.newEvent("INSERT", f.tables.audit(), target, null, null, "team", Map.of()));
    // A one-part bracketed (or quoted) target must not match the two-part grant; a table with that dotted name exists
    // (in the test schema, so the test's cleanup drops it; a one-part name is refused before any name resolution).
    f.db.execute("CREATE TABLE " + f.db.qualified(f.db.schema() + ".atk") + " (" + q("id hogar") + " " + type("int") + ", periodo " + type("int")
        + ", nombre " + type("text") + ", peso " + type("decimal") + ", medido " + type("timestamp") + ")");
    badTargets = new java.util.LinkedHashMap<>();
    for (String bad : List.of("[" + f.db.schema() + ".atk]", "\"" + f.db.schema() + ".atk\"", "atk")) {
      badTargets.put(bad, f.appendRaw(EventSubmitter.newEvent("INSERT", src, bad, null, null, "team", Map.of())));
    }
    bridgeTarget = f.appendRaw(EventSubmitter.newEvent("INSERT", src, "bridge.applied_events", null, null, "team", Map.of()));
    // One bad event (a numeric overflow during the bulk load of benign data) and another table's event in the same batch.
    // (a text too long for its column: the drift check leaves text lengths to the database, so the load meets it)
    f.db.execute("CREATE TABLE " + f.db.qualified("ovf") + " (" + q("id hogar") + " " + type("int") + " NOT NULL, periodo " + type("int")
        + " NOT NULL, nombre VARCHAR(3), peso " + type("decimal") + ", medido " + type("timestamp") + ")");
    overflowId = f.submit("INSERT", panelSource("ovf", panel(1, 1, "a", "1", null), panel(2, 1, "too long", "2", null)), "ovf", null, "team");
    sameBatchId = f.submit("INSERT", panelSource("okb", panel(1, 1, "a", "1", null)), table("okb"), null, "team");
  }

  void assertRejected(String id, String messagePart) {
    Row st = f.status(id);
    assertEquals("rejected", st.getAs("status"), () -> id + ": " + st.getAs("error_message"));
    assertEquals("PERMISSION_DENIED", st.getAs("error_class"));
    String msg = st.getAs("error_message");
    assertTrue(msg.contains(messagePart), () -> "expected '" + messagePart + "' in: " + msg);
    assertEquals(0L, f.ledgerRows(id));
  }

  @Test
  void aClaimedPrincipalIsNotTheCommitIdentityAndIsRejectedAndAudited() {
    assertRejected(spoofed, "names a different principal than the commit identity");
    assertRejected(unknownCommitter, "commit identity 'intruder@evil.test' is not a principal");
    assertEquals(f.identity("readers"), f.status(spoofed).getAs("submitted_by_commit_user"));
    Row audit = f.spark.read().format("delta").load(f.tables.audit()).filter(org.apache.spark.sql.functions.col("event_id").equalTo(spoofed))
        .collectAsList().get(0);
    assertEquals("DENIED", audit.getAs("event_type"));
    assertEquals(f.identity("readers"), audit.getAs("principal"), "audited with the commit identity");
    String detail = audit.getAs("detail");
    assertTrue(detail.contains("requested_by team") && detail.contains("source ") && detail.contains(".atk"), detail);
    assertEquals(0, panelRows("atk").size());
  }

  @Test
  void everyForbiddenFilterFormFailsItsEventAndTheJobLivesOn() {
    forbiddenFilters.forEach((filter, id) -> {
      assertFailed(id, "is not allowed");
      assertEquals("VALIDATION", f.status(id).getAs("error_class"));
    });
    assertFailed(forbiddenFilters.get("reflect('java.lang.System','exit',7) IS NULL"), "function reflect()");
    assertFailed(forbiddenFilters.get("EXISTS (TABLE other_table)"), "subquery");
    assertEquals(0, panelRows("atk").size());
    assertEquals("completed", f.status(afterFailures).getAs("status"), "the JVM and the stream survived: a later event was applied");
  }

  @Test
  void anUngrantedSourceAndTheBridgesOwnTablesAreRefused() {
    assertRejected(ungrantedSource, "may not read source");
    assertRejected(bridgeSource, "never a source");
    assertEquals(0, panelRows("atk").size());
  }

  @Test
  void aOnePartBracketedOrQuotedTargetNeverMatchesATwoPartGrant() {
    badTargets.forEach((target, id) -> assertFailed(id, "one name part"));
    assertEquals(0L, f.db.count(f.db.qualified(f.db.schema() + ".atk")), "the table named with a dot is untouched");
    assertEquals(0, panelRows("atk").size());
    assertRejected(bridgeTarget, "never a target");
  }

  @Test
  void aReusedEventIdIsAuditedAsDuplicateAndTheCompletedStatusIsNeverChanged() {
    Row st = f.status(insId);
    assertEquals("completed", st.getAs("status"));
    assertEquals("team", st.getAs("requested_by"));
    assertEquals(4, panelRows("ins").size(), "nothing deleted");
    List<String> dup = f.auditDetails(insId, "DUPLICATE");
    assertEquals(1, dup.size(), dup::toString);
    assertTrue(dup.get(0).contains("already used"), dup.get(0));
  }

  String writeOnceId;
  String writeOnceReuse;

  @Test
  void aReusedIdThatWouldBeGrantedNeverChangesTheTargetNorLeavesAnyOtherTrace() {
    assertReuseChangedNothing(writeOnceId, "wo", List.of("1|1|x|1.0000|null", "2|1|y|2.0000|null"), "already used");
    assertEquals(2L, (long) f.status(writeOnceId).getAs("rows_affected"));
    assertEquals(1, f.auditDetails(writeOnceId, "GRANTED").size(), "only the first submission's grant is audited");
    assertEquals(1, f.auditDetails(writeOnceId, "APPLIED").size());
    assertEquals(List.of(), f.auditDetails(writeOnceId, "FAILED"));
  }

  String upperCaseId;

  @Test
  void aUuidReusedInCapitalsIsTheSameIdAndADuplicateThatChangesNothing() {
    String upper = upperCaseId.toUpperCase(java.util.Locale.ROOT);
    assertReuseChangedNothing(upperCaseId, "upc", List.of("1|1|x|1.0000|null"), "already used");
    assertEquals(1L, f.ledgerRows(upperCaseId));
    assertEquals(0L, f.ledgerRows(upper), "never applied under the other spelling");
    assertEquals("completed", f.status(upper).getAs("status"), "looked up in either spelling");
    assertEquals("INSERT", f.status(upper).getAs("operation"));
    List<String> listed = new StatusStore(com.kwp.bridge.lake.TableRef.of(f.tables.status()), com.kwp.bridge.lake.TableRef.of(f.tables.events()))
        .list(f.spark, null, 100_000).stream().map(r -> (String) r.getAs("event_id") + " " + r.getAs("status"))
        .filter(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith(upperCaseId)).toList();
    assertEquals(List.of(upperCaseId + " completed"), listed, "one event, not a second one nor a pending copy");
  }

  @Test
  void idsUsedBeforeTheClaimedIdsTableExistedAreClaimedFromTheStatusTableAndStillRefused() {
    assertReuseChangedNothing(afterFailures, "after", List.of("1|1|x|1.0000|null"), "already used");
    String claims = f.db.dialect().names().quoteIdentifier("bridge") + "." + f.db.dialect().names().quoteIdentifier(IdClaims.TABLE);
    for (String id : List.of(insId, writeOnceId, repId, afterFailures)) {
      List<String> versions = f.rows("SELECT commit_version FROM " + claims + " WHERE event_id = '" + id + "'");
      assertEquals(1, versions.size(), id + " is claimed once");
      assertTrue(versions.get(0).matches("\\d+"), id + " is claimed by its events-table commit: " + versions);
    }
  }

  @Test
  void aBulkLoadErrorFailsOnlyItsEventAndTheOtherTablesEventInTheBatchIsRecorded() {
    Row bad = f.status(overflowId);
    assertEquals("failed", bad.getAs("status"), () -> String.valueOf((Object) bad.getAs("error_message")));
    String msg = bad.getAs("error_message");
    assertTrue(!msg.contains("\n") && !msg.contains("Driver stacktrace"), "one line: " + msg);
    assertEquals(0L, f.db.count(f.db.qualified("ovf")));
    assertEquals(1, f.auditDetails(overflowId, "FAILED").size());
    Row ok = f.status(sameBatchId);
    assertEquals("completed", ok.getAs("status"), () -> String.valueOf((Object) ok.getAs("error_message")));
    assertEquals(1, f.auditDetails(sameBatchId, "APPLIED").size());
    assertEquals(1, panelRows("okb").size());
    assertEquals("completed", f.status(afterFailures).getAs("status"), "the next run did not trip on the failed event");
  }

  /** Last: a run from a new, empty checkpoint replays every event of the class; nothing is applied twice. */
  @Test
  @Order(LAST)
  void replayAfterTheCheckpointIsDeletedAppliesNothingTwice() {
    List<String> before = List.of(panelRows("rep").toString(), panelRows("ins").toString(), panelRows("ord").toString(),
        panelRows("den").toString(), panelRows("mal").toString());
    long statusVersion = SourceSnapshot.latest(f.spark, com.kwp.bridge.lake.TableRef.of(f.tables.status())).version();
    f.checkpoint = f.dir.resolve("checkpoint-" + System.nanoTime()).toString();
    f.runSync();
    long last = SourceSnapshot.latest(f.spark, com.kwp.bridge.lake.TableRef.of(f.tables.status())).version();
    assertTrue(last > statusVersion, "the replay wrote statuses");
    for (long v = statusVersion + 1; v <= last; v++) {
      Row st = new SourceSnapshot(com.kwp.bridge.lake.TableRef.of(f.tables.status()), v).read(f.spark)
          .filter(org.apache.spark.sql.functions.col("event_id").equalTo(repId)).select("status").collectAsList().get(0);
      assertEquals("completed", st.getString(0), "a replayed, already applied event never shows running (status version " + v + ")");
    }
    assertEquals(2, panelRows("rep").size());
    assertEquals(before, List.of(panelRows("rep").toString(), panelRows("ins").toString(), panelRows("ord").toString(),
        panelRows("den").toString(), panelRows("mal").toString()));
    assertEquals(1L, f.ledgerRows(repId));
    assertEquals("completed", f.status(repId).getAs("status"));
    assertEquals(1, f.auditDetails(repId, "RECONCILED").size(), "the replay is audited as a reconciliation");
  }

  void assertFailed(String id, String messagePart) {
    Row st = f.status(id);
    assertEquals("failed", st.getAs("status"), id);
    String msg = st.getAs("error_message");
    assertTrue(msg != null && msg.contains(messagePart), () -> "expected '" + messagePart + "' in: " + msg);
  }


}
