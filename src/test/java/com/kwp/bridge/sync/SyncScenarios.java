package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SyncJob scenarios through the real streaming query (available-now trigger) against a real database;
 * bound to PostgreSQL and SQL Server by thin subclasses. One database, one Spark session, one set of bridge
 * tables and one checkpoint per class: each test submits its own events on its own target tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SyncScenarios {
  SyncFixture f;

  abstract TestDatabase newDatabase();

  /** Column types of the dialect: int, text, decimal(18,4), timestamp. */
  abstract String type(String logical);

  /** Makes the next write to {@code table} fail once with a transient error; false when the database cannot. */
  abstract boolean injectTransientFailureOnce(String table);

  @BeforeAll
  void setUp() {
    f = new SyncFixture(newDatabase());
  }

  @AfterAll
  void tearDown() {
    f.db.close();
  }

  static final StructType PANEL = new StructType()
      .add("id hogar", DataTypes.IntegerType).add("periodo", DataTypes.IntegerType)
      .add("nombre", DataTypes.StringType).add("peso", DataTypes.createDecimalType(18, 4)).add("medido", DataTypes.TimestampType);

  void createPanel(String table) {
    f.db.execute("CREATE TABLE " + f.db.qualified(table) + " (" + q("id hogar") + " " + type("int") + " NOT NULL, periodo " + type("int")
        + " NOT NULL, nombre " + type("text") + ", peso " + type("decimal") + ", medido " + type("timestamp") + ", PRIMARY KEY ("
        + q("id hogar") + ", periodo))");
  }

  String q(String id) {
    return f.db.dialect().quoteIdentifier(id);
  }

  List<String> panelRows(String table) {
    return f.rows("SELECT " + q("id hogar") + ", periodo, nombre, peso, medido FROM " + f.db.qualified(table) + " ORDER BY 1, 2");
  }

  static Row panel(int id, int periodo, String nombre, String peso, String medido) {
    return RowFactory.create(id, periodo, nombre, peso == null ? null : new BigDecimal(peso), medido == null ? null : Timestamp.valueOf(medido));
  }

  static final List<String> KEYS = List.of("id hogar", "periodo");

  @Test
  void insertCarriesNullsUnicodeDecimalsAndTimestampsIntoATableWithSpacedKeyNames() {
    createPanel("ins");
    String src = f.source("ins", PANEL, List.of(
        panel(1, 202401, "São Paulo \"quoted\", comma", "1.2345", "2024-01-31 23:59:59.123456"),
        panel(2, 202401, null, null, null),
        panel(3, 202401, "", "-99999.0001", "1999-12-31 00:00:00"),
        panel(4, 202401, "北京\nline2", "0", "2024-02-29 12:00:00")));
    String id = f.submit("INSERT", src, "ins", null, "team");
    f.runSync();
    Row st = f.status(id);
    assertEquals("completed", st.getAs("status"), () -> String.valueOf(st.getAs("error_message")));
    assertEquals(4L, (long) st.getAs("rows_affected"));
    assertEquals(0L, (long) st.getAs("discrepancy"));
    assertEquals(List.of(
        "1|202401|São Paulo \"quoted\", comma|1.2345|2024-01-31 23:59:59.123456",
        "2|202401|null|null|null",
        "3|202401||-99999.0001|1999-12-31 00:00:00",
        "4|202401|北京\nline2|0.0000|2024-02-29 12:00:00"), panelRows("ins"));
    assertEquals(1L, f.ledgerRows(id));
  }

  @Test
  void eventsOnOneTableApplyInSubmissionOrderWithCompositeKeys() {
    createPanel("ord");
    String base = f.source("ord_base", PANEL, List.of(panel(1, 1, "a", "1", null), panel(1, 2, "b", "2", null), panel(2, 1, "c", "3", null)));
    String upd = f.source("ord_upd", PANEL, List.of(panel(1, 2, "b2", "20", null)));
    String ups = f.source("ord_ups", PANEL, List.of(panel(1, 2, "b3", "200", null), panel(3, 1, "new", "4", null)));
    String del = f.source("ord_del", PANEL, List.of(panel(2, 1, null, null, null)));
    String i1 = f.submit("INSERT", base, "ord", null, "team");
    String i2 = f.submit("UPDATE", upd, "ord", KEYS, "team");
    String i3 = f.submit("UPSERT", ups, "ord", KEYS, "team");
    String i4 = f.submit("DELETE", del, "ord", KEYS, "team");
    f.runSync();
    for (String id : List.of(i1, i2, i3, i4)) {
      assertEquals("completed", f.status(id).getAs("status"), () -> String.valueOf(f.status(id).getAs("error_message")));
    }
    assertEquals(2L, (long) f.status(i3).getAs("rows_affected"));
    assertEquals(List.of("1|1|a|1.0000|null", "1|2|b3|200.0000|null", "3|1|new|4.0000|null"), panelRows("ord"));
  }

  @Test
  void replayAfterTheCheckpointIsDeletedAppliesNothingTwice() {
    createPanel("rep");
    String src = f.source("rep", PANEL, List.of(panel(1, 1, "x", "1", null), panel(2, 1, "y", "2", null)));
    String id = f.submit("INSERT", src, "rep", null, "team");
    f.runSync();
    f.checkpoint = f.dir.resolve("checkpoint-" + System.nanoTime()).toString();
    f.runSync();
    assertEquals(2, panelRows("rep").size());
    assertEquals(1L, f.ledgerRows(id));
    assertEquals("completed", f.status(id).getAs("status"));
    long reconciled = f.spark.read().format("delta").load(f.tables.audit())
        .filter("event_id = '" + id + "' AND event_type = 'RECONCILED'").count();
    assertTrue(reconciled >= 1, "the replay is audited as a reconciliation");
  }

  @Test
  void aTransientFailureIsRetriedThenTheEventSucceeds() {
    createPanel("tra");
    org.junit.jupiter.api.Assumptions.assumeTrue(injectTransientFailureOnce("tra"), "database cannot inject a transient failure");
    String src = f.source("tra", PANEL, List.of(panel(1, 1, "x", "1", null)));
    String id = f.submit("INSERT", src, "tra", null, "team");
    f.runSync();
    Row st = f.status(id);
    assertEquals("completed", st.getAs("status"), () -> String.valueOf(st.getAs("error_message")));
    assertEquals(2, (int) st.getAs("attempts"));
    assertEquals(1, panelRows("tra").size());
  }

  @Test
  void aPermanentErrorFailsThatEventAndTheNextOneIsApplied() {
    createPanel("perm");
    String src = f.source("perm", PANEL, List.of(panel(1, 1, "x", "1", null)));
    String bad = f.submit("INSERT", src, "does_not_exist", null, "team");
    String good = f.submit("INSERT", src, "perm", null, "team");
    f.runSync();
    Row st = f.status(bad);
    assertEquals("failed", st.getAs("status"));
    assertEquals("VALIDATION", st.getAs("error_class"));
    assertTrue(((String) st.getAs("error_message")).contains("does_not_exist"), (String) st.getAs("error_message"));
    assertEquals("completed", f.status(good).getAs("status"));
    assertEquals(1, panelRows("perm").size());
  }

  @Test
  void permissionDeniedAndDeleteLimitLeaveTheTargetUntouched() {
    createPanel("den");
    String base = f.source("den", PANEL, List.of(panel(1, 1, "a", "1", null), panel(2, 1, "b", "1", null), panel(3, 1, "c", "1", null),
        panel(4, 1, "d", "1", null), panel(5, 1, "e", "1", null), panel(6, 1, "f", "1", null)));
    f.submit("INSERT", base, "den", null, "team");
    String stranger = f.submit("INSERT", base, "den", null, "stranger");
    String reader = f.submit("UPSERT", base, "den", KEYS, "readers");
    String tooMany = f.submit("DELETE", base, "den", KEYS, "team");
    f.runSync();
    assertEquals("rejected", f.status(stranger).getAs("status"));
    assertEquals("PERMISSION_DENIED", f.status(stranger).getAs("error_class"));
    assertEquals("rejected", f.status(reader).getAs("status"));
    assertEquals("rejected", f.status(tooMany).getAs("status"));
    assertEquals("DELETE_LIMIT", f.status(tooMany).getAs("error_class"));
    assertEquals(6, panelRows("den").size());
    assertEquals(0L, f.ledgerRows(tooMany));
  }

  @Test
  void malformedEventsFailWithAClearMessage() {
    createPanel("mal");
    String dupes = f.source("mal_dup", PANEL, List.of(panel(1, 1, "a", "1", null), panel(1, 1, "b", "2", null)));
    String nulls = f.source("mal_null", new StructType().add("id hogar", DataTypes.IntegerType).add("periodo", DataTypes.IntegerType),
        List.of(RowFactory.create(null, 1)));
    String unknownOp = f.appendRaw(EventSubmitter.newEvent("MERGE", dupes, f.db.schema() + ".mal", KEYS, null, "team", java.util.Map.of()));
    String noKeys = f.appendRaw(EventSubmitter.newEvent("UPDATE", dupes, f.db.schema() + ".mal", null, null, "team", java.util.Map.of()));
    String badTarget = f.appendRaw(EventSubmitter.newEvent("INSERT", dupes, "a.b.c.d", null, null, "team", java.util.Map.of()));
    String dupKeys = f.submit("UPSERT", dupes, "mal", KEYS, "team");
    String nullKey = f.submit("DELETE", nulls, "mal", KEYS, "team");
    String badFilter = f.submit("INSERT", dupes, "mal", null, "team", "no_such_column > 1");
    f.runSync();
    assertFailed(unknownOp, "unknown operation");
    assertFailed(noKeys, "needs primary_keys");
    assertFailed(badTarget, "target_table");
    assertFailed(dupKeys, "duplicate keys");
    assertFailed(nullKey, "NULL");
    assertFailed(badFilter, "source_filter");
    assertEquals(0, panelRows("mal").size());
  }

  void assertFailed(String id, String messagePart) {
    Row st = f.status(id);
    assertEquals("failed", st.getAs("status"), id);
    String msg = st.getAs("error_message");
    assertTrue(msg != null && msg.contains(messagePart), () -> "expected '" + messagePart + "' in: " + msg);
  }
}
