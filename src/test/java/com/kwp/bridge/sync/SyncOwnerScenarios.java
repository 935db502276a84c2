package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * What a target's owner does: dry runs, REPLACE and sources whose columns drifted. Submitted by
 * {@link SyncScenarios#setUp()} before its first stream run ({@link #submitOwnerOperations()}), followed up
 * before the second ({@link #submitOwnerFollowUps()}), checked by the tests here; portable SQL only, so the
 * same scenarios run on SQL Server.
 */
abstract class SyncOwnerScenarios extends SyncDirectScenarios {
  static final Map<String, String> DRY_RUN = Map.of(EventOptions.DRY_RUN, "true");
  String dryUpsert;
  String dryDelete;
  String dryReplace;
  String replaced;
  String replaceNotGranted;
  String replaceEmpty;
  String drifted;
  String extraIgnored;

  /** A panel table with these (id, periodo, nombre, peso) rows, written by plain SQL. */
  void panelWith(String table, Object[]... rows) {
    createPanel(table);
    for (Object[] r : rows) {
      f.db.execute("INSERT INTO " + f.db.qualified(table) + " (" + q("id hogar") + ", periodo, nombre, peso) VALUES (" + r[0] + ", " + r[1]
          + ", '" + r[2] + "', " + r[3] + ")");
    }
  }

  static Object[] row(int id, int periodo, String nombre, int peso) {
    return new Object[] {id, periodo, nombre, peso};
  }

  void submitOwnerOperations() {
    panelWith("dry", row(1, 1, "a", 1), row(2, 1, "b", 2));
    dryUpsert = f.submitWith("UPSERT", f.source("dry", PANEL, List.of(panel(2, 1, "B", "20", null), panel(3, 1, "c", "3", null))), "dry", KEYS,
        "team", null, DRY_RUN);
    panelWith("dry_del", row(1, 1, "a", 1), row(2, 1, "b", 1), row(3, 1, "c", 1), row(4, 1, "d", 1), row(5, 1, "e", 1), row(6, 1, "f", 1));
    dryDelete = f.submitWith("DELETE", f.source("dry_del", PANEL, List.of(panel(1, 1, null, null, null), panel(2, 1, null, null, null),
        panel(3, 1, null, null, null), panel(4, 1, null, null, null), panel(5, 1, null, null, null), panel(6, 1, null, null, null))),
        "dry_del", KEYS, "team", null, DRY_RUN);
    String newRows = f.source("rpl", PANEL, List.of(panel(2, 1, "B", "20", null), panel(4, 1, "D", "4", null)));
    panelWith("rpl", row(1, 1, "a", 1), row(2, 1, "b", 2), row(3, 1, "c", 3));
    replaced = f.submit("REPLACE", newRows, "rpl", null, "team");
    panelWith("rpl_dry", row(1, 1, "a", 1), row(2, 1, "b", 2), row(3, 1, "c", 3));
    dryReplace = f.submitWith("REPLACE", newRows, "rpl_dry", null, "team", null, DRY_RUN);
    panelWith("rpl_no", row(1, 1, "a", 1));
    replaceNotGranted = f.submit("REPLACE", newRows, "rpl_no", null, "team");
    panelWith("rpl_empty", row(1, 1, "a", 1));
    replaceEmpty = f.submit("REPLACE", f.source("rpl_empty", PANEL, List.of()), "rpl_empty", null, "team");
    submitDrift();
  }

  /** The dry-run UPSERT's id again, without dry_run: it applies as if the preview had never happened. */
  void submitOwnerFollowUps() {
    String src = f.source("dry_real", PANEL, List.of(panel(2, 1, "B", "20", null), panel(3, 1, "c", "3", null)));
    f.appendRawAs(new SyncEvent(dryUpsert, "UPSERT", src, f.db.schema() + ".dry", KEYS, null, "team", Instant.now(), Map.of(), -1L, null),
        f.identity("team"));
  }

  @Test
  void aDryRunCountsInTheTargetThenRollsBackAndItsIdLaterAppliesForReal() {
    Row st = f.status(dryUpsert);
    assertEquals("completed", st.getAs("status"), () -> String.valueOf((Object) st.getAs("error_message")));
    List<String> previews = f.auditDetails(dryUpsert, "PREVIEWED");
    assertEquals(1, previews.size(), previews::toString);
    assertTrue(previews.get(0).contains("dry run, rolled back: inserted 1, updated 1;"), previews.get(0));
    assertEquals(2L, (long) st.getAs("rows_affected"), "the real run did what the preview counted (1 inserted + 1 updated)");
    assertEquals(List.of("1|1|a|1.0000|null", "2|1|B|20.0000|null", "3|1|c|3.0000|null"), panelRows("dry"));
    assertEquals(1L, f.ledgerRows(dryUpsert), "only the real run wrote the ledger");
    assertEquals(1, f.auditDetails(dryUpsert, "APPLIED").size());
  }

  @Test
  void aDryRunReportsTheFirstErrorTheRealRunWouldMeetAndChangesNothing() {
    Row st = f.status(dryDelete);
    assertEquals("previewed", st.getAs("status"));
    assertEquals("DELETE_LIMIT", st.getAs("error_class"));
    assertEquals(6, panelRows("dry_del").size());
    assertEquals(0L, f.ledgerRows(dryDelete));
  }

  @Test
  void replaceMakesTheTargetExactlyTheSourceInOneTransaction() {
    Row st = f.status(replaced);
    assertEquals("completed", st.getAs("status"), () -> String.valueOf((Object) st.getAs("error_message")));
    assertEquals(List.of("2|1|B|20.0000|null", "4|1|D|4.0000|null"), panelRows("rpl"));
    assertEquals(3L, (long) st.getAs("rows_deleted"));
    assertEquals(2L, (long) st.getAs("rows_inserted"));
    List<String> applied = f.auditDetails(replaced, "APPLIED");
    assertEquals(1, applied.size(), applied::toString);
    assertTrue(applied.get(0).contains("rows before 3, rows after 2;"), applied.get(0));
    assertEquals(1L, f.ledgerRows(replaced));
  }

  @Test
  void aDryRunReplaceCountsBothSidesAndLeavesTheTargetAsItWas() {
    Row st = f.status(dryReplace);
    assertEquals("previewed", st.getAs("status"), () -> String.valueOf((Object) st.getAs("error_message")));
    assertEquals(3L, (long) st.getAs("rows_deleted"));
    assertEquals(2L, (long) st.getAs("rows_inserted"));
    assertEquals(3, panelRows("rpl_dry").size());
    assertEquals(0L, f.ledgerRows(dryReplace));
  }

  @Test
  void replaceNeedsAReplaceGrantAndAnEmptySourceOnPurpose() {
    Row denied = f.status(replaceNotGranted);
    assertEquals("rejected", denied.getAs("status"));
    assertEquals("PERMISSION_DENIED", denied.getAs("error_class"));
    assertTrue(((String) denied.getAs("error_message")).contains("replace = true"), (String) denied.getAs("error_message"));
    assertEquals(List.of("1|1|a|1.0000|null"), panelRows("rpl_no"));
    Row empty = f.status(replaceEmpty);
    assertEquals("failed", empty.getAs("status"));
    assertTrue(((String) empty.getAs("error_message")).contains("has no rows") && ((String) empty.getAs("error_message"))
        .contains(EventOptions.ALLOW_EMPTY), (String) empty.getAs("error_message"));
    assertEquals(List.of("1|1|a|1.0000|null"), panelRows("rpl_empty"));
  }

  static final StructType EXTRA = new StructType()
      .add("id hogar", DataTypes.IntegerType).add("periodo", DataTypes.IntegerType).add("NOMBRE", DataTypes.StringType)
      .add("peso", DataTypes.createDecimalType(18, 4)).add("año", DataTypes.IntegerType).add("extra", DataTypes.StringType);

  void submitDrift() {
    // every kind of mismatch in one target: an extra source column, a required column the source lacks, a narrower decimal
    f.db.execute("CREATE TABLE " + f.db.qualified("drx") + " (" + q("id hogar") + " " + type("int") + " NOT NULL, periodo " + type("int")
        + " NOT NULL, nombre " + type("text") + ", peso DECIMAL(5,2), " + q("año") + " " + type("int") + ", obligatorio " + type("int")
        + " NOT NULL, PRIMARY KEY (" + q("id hogar") + ", periodo))");
    String src = f.source("drx", EXTRA, List.of(RowFactory.create(1, 1, "a", new java.math.BigDecimal("1.5"), 2024, "x")));
    drifted = f.submit("INSERT", src, "drx", null, "team");
    f.db.execute("CREATE TABLE " + f.db.qualified("dri") + " (" + q("id hogar") + " " + type("int") + " NOT NULL, periodo " + type("int")
        + " NOT NULL, nombre " + type("text") + ", peso " + type("decimal") + ", " + q("año") + " " + type("int") + ", sello "
        + type("server-filled") + ", PRIMARY KEY ("
        + q("id hogar") + ", periodo))");
    extraIgnored = f.submitWith("INSERT", src, "dri", null, "team", null, Map.of(EventOptions.ON_EXTRA_COLUMNS, "ignore"));
  }

  @Test
  void aDriftedSourceFailsBeforeLoadingWithEveryMismatchNamed() {
    Row st = f.status(drifted);
    assertEquals("failed", st.getAs("status"));
    assertEquals("VALIDATION", st.getAs("error_class"));
    String msg = st.getAs("error_message");
    assertTrue(msg.contains("extra (string -> -): the target has no such column"), msg);
    assertTrue(msg.contains("obligatorio (- -> "), msg);
    assertTrue(msg.contains("peso (decimal(18,4) -> ") && msg.contains("(5,2)): the target keeps 2 decimal place(s)"), msg);
    assertTrue(!msg.contains("NOMBRE") && !msg.contains("año ("), "names matched as the target compares them: " + msg);
    assertEquals(0L, f.db.count(f.db.qualified("drx")));
  }

  /** Also: a NOT NULL column the server fills (identity; SQL Server rowversion) is not asked of the source. */
  @Test
  void extraSourceColumnsAreLeftOutOnPurposeAndAccentedNamesMatch() {
    Row st = f.status(extraIgnored);
    assertEquals("completed", st.getAs("status"), () -> String.valueOf((Object) st.getAs("error_message")));
    assertEquals(List.of("1|1|a|1.5000|2024"), f.rows("SELECT " + q("id hogar") + ", periodo, nombre, peso, " + q("año") + " FROM "
        + f.db.qualified("dri")));
  }

  /** A reader polling the target while a REPLACE swaps it sees the old row count or the new one, never an empty or partial table. */
  @Test
  void aConcurrentReaderNeverSeesAnEmptyOrHalfReplacedTarget() throws Exception {
    replaceWhileReading("rpl_live", f.engine());
  }

  /** With sync.bulk.replace = truncate the rows before are counted first (TRUNCATE counts none), and readers wait, never see it empty. */
  @Test
  void aTruncatingReplaceCountsTheRowsBeforeAndNoReaderSeesAnEmptyTarget() throws Exception {
    replaceWhileReading("rpl_trunc", f.engine(Map.of("sync.bulk.replace", "truncate")));
  }

  private void replaceWhileReading(String table, SyncEngine engine) throws Exception {
    createPanel(table);
    BridgeOperator op = new BridgeOperator(f.spark, engine);
    op.syncToSqlServer(f.source(table + "_old", PANEL, rows(3000, "old")), f.db.schema() + "." + table, "INSERT", null, "team");
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean done = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      try (Connection c = f.db.open(); Statement s = c.createStatement()) {
        while (!done.get()) {
          try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + f.db.qualified(table))) {
            rs.next();
            seen.add(rs.getLong(1));
          }
        }
      } catch (Exception e) {
        seen.add(-1L);
      }
    });
    reader.start();
    long rows;
    try {
      rows = op.syncToSqlServer(f.source(table + "_new", PANEL, rows(2000, "new")), f.db.schema() + "." + table, "REPLACE", null, "team");
    } finally {
      done.set(true);
      reader.join();
    }
    assertEquals(5000L, rows, "3000 deleted + 2000 inserted");
    assertEquals(2000L, f.db.count(f.db.qualified(table)));
    assertEquals(2000L, f.db.count("(SELECT 1 AS one FROM " + f.db.qualified(table) + " WHERE nombre = 'new') n"), "only the new rows");
    assertTrue(Set.of(3000L, 2000L).containsAll(seen) && !seen.isEmpty(), "counts seen while replacing: " + seen);
  }

  private static List<Row> rows(int n, String name) {
    List<Row> out = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(panel(i, 1, name, "1", null));
    }
    return out;
  }
}
