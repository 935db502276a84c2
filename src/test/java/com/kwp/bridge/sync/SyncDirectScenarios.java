package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.jdbc.ColumnInfo;
import com.kwp.bridge.jdbc.SqlRunner;
import com.kwp.bridge.jdbc.TableProbe;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.cli.BridgeCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The synchronous paths of the SyncJob engine on the fixture {@link SyncScenarios} sets up: the operator
 * API (same validation, permissions and ledger, no stream) and the pinned source version. They run after
 * the class's stream run and before its replay test.
 */
abstract class SyncDirectScenarios {
  static final List<String> KEYS = List.of("id hogar", "periodo");
  static final StructType PANEL = new StructType()
      .add("id hogar", DataTypes.IntegerType).add("periodo", DataTypes.IntegerType)
      .add("nombre", DataTypes.StringType).add("peso", DataTypes.createDecimalType(18, 4)).add("medido", DataTypes.TimestampType);
  SyncFixture f;

  abstract TestDatabase newDatabase();

  /** Column types of the dialect: int, text, decimal(18,4), timestamp, date, binary, boolean. */
  abstract String type(String logical);

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

  @Test
  void theOperatorApiAppliesSynchronouslyWithTheSameLedgerAndReadsStatuses() {
    createPanel("op");
    String src = f.source("op", PANEL, List.of(SyncScenarios.panel(1, 1, "a", "1", null), SyncScenarios.panel(2, 1, "b", "2", null)));
    String target = f.db.schema() + ".op";
    BridgeOperator op = new BridgeOperator(f.spark, f.engine());
    assertEquals(2L, op.syncToSqlServer(src, target, "INSERT", null, "team"));
    assertEquals(2L, op.syncToSqlServer(src, target, "UPSERT", KEYS, "team"));
    BridgeException denied = assertThrows(BridgeException.class, () -> op.syncToSqlServer(src, target, "DELETE", KEYS, "stranger"));
    assertEquals(ErrorClass.PERMISSION_DENIED, denied.errorClass());
    assertTrue(denied.getMessage().contains("stranger"), denied.getMessage());
    assertEquals(List.of("1|1|a|1.0000|null", "2|1|b|2.0000|null"), panelRows("op"));

    List<Row> completed = op.listSyncEvents("completed", 2);
    assertEquals(List.of("UPSERT", "INSERT"), completed.stream().map(r -> (String) r.getAs("operation")).toList());
    for (Row r : completed) {
      String id = r.getAs("event_id");
      assertEquals(target, r.getAs("target_table"));
      assertEquals(1L, f.ledgerRows(id), "one ledger row per applied operator event");
      assertEquals(2L, (long) op.getSyncEvent(id).orElseThrow().getAs("rows_affected"));
    }
    Row rejected = op.listSyncEvents("REJECTED", 1).get(0);
    assertEquals("DELETE", rejected.getAs("operation"));
    assertEquals(0L, f.ledgerRows(rejected.getAs("event_id")));

    String pending = op.submitEvent("UPSERT", src, target, KEYS, null, "team");
    assertEquals("pending", op.getSyncEvent(pending).orElseThrow().getAs("status"));
    assertTrue(op.listSyncEvents("pending", 100).stream().anyMatch(r -> pending.equals(r.getAs("event_id"))));
    assertTrue(op.getSyncEvent("no-such-event").isEmpty());
  }

  @Test
  void everyReadOfTheSourceSeesTheDeltaVersionCapturedOnce() throws Exception {
    createPanel("pin");
    String src = f.source("pin", PANEL, List.of(SyncScenarios.panel(1, 1, "a", "1", null), SyncScenarios.panel(2, 1, "b", "2", null)));
    ValidEvent v = EventValidator.validate(EventSubmitter.newEvent("UPSERT", src, f.db.schema() + ".pin", KEYS, null, "team", Map.of()));
    List<ColumnInfo> columns;
    try (Connection c = f.db.open()) {
      columns = TableProbe.columns(new SqlRunner(c, f.db.dialect()), v.target());
    }
    SourceData data = SourceData.read(f.spark, v, columns);
    // A producer appends (a duplicate key and a new key) after the version capture, before checks, count and load.
    f.spark.createDataFrame(List.of(SyncScenarios.panel(1, 1, "dup", "9", null), SyncScenarios.panel(3, 1, "c", "3", null)), PANEL)
        .write().format("delta").mode("append").save(src);
    assertEquals(4L, TableRef.of(src).read(f.spark).count(), "control: an unpinned read sees the append");
    assertEquals(0L, data.version());
    assertEquals(2L, data.rows().count(), "the appended rows (a duplicate key among them) are not seen by the load");
    assertEquals(1L, SourceData.read(f.spark, v, columns).version(), "a new read captures the new version");
  }

  @Test
  void submitEventAndEventsCommandsThroughTheCli() throws Exception {
    createPanel("cli");
    String src = f.source("cli", PANEL, List.of(SyncScenarios.panel(1, 1, "a", "1", null)));
    Path conf = Files.createDirectories(f.dir.resolve("cli-conf"));
    Files.writeString(conf.resolve("common.conf"), "tables { events = \"" + f.tables.events() + "\", status = \"" + f.tables.status()
        + "\", audit = \"" + f.tables.audit() + "\" }\n");
    String target = f.db.schema() + ".cli";
    String out = cli("submit-event", "--config-path", conf.toString(), "--operation", "UPSERT", "--source", src, "--target", target,
        "--key", "id hogar", "--key", "periodo", "--principal", "team");
    String id = out.strip();
    Row appended = f.spark.read().format("delta").load(f.tables.events()).filter(functions.col("event_id").equalTo(id))
        .selectExpr("operation", "source_table", "target_table", "primary_keys", "requested_by").collectAsList().get(0);
    assertEquals(List.of("UPSERT", src, target, KEYS, "team"),
        List.of(appended.getString(0), appended.getString(1), appended.getString(2), appended.getList(3), appended.getString(4)));

    String shown = cli("events", "--config-path", conf.toString(), "--id", id);
    assertTrue(shown.matches("(?s).*status\\s+pending\\R.*"), shown);
    String listed = cli("events", "--config-path", conf.toString(), "--status", "pending", "--limit", "100");
    assertTrue(listed.lines().anyMatch(l -> l.startsWith(id) && l.contains("pending") && l.contains(target)), listed);

    long eventsBefore = f.spark.read().format("delta").load(f.tables.events()).count();
    BridgeException bad = assertThrows(BridgeException.class, () -> cli("submit-event", "--config-path", conf.toString(),
        "--operation", "UPDATE", "--source", src, "--target", target, "--principal", "team"));
    assertEquals(ErrorClass.VALIDATION, bad.errorClass());
    assertTrue(bad.getMessage().contains("primary_keys"), bad.getMessage());
    assertEquals(eventsBefore, f.spark.read().format("delta").load(f.tables.events()).count(), "nothing appended");
  }

  /** Runs {@code BridgeCli.main} in this JVM (the test's Spark session is reused, not stopped); returns what it printed. */
  static String cli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      BridgeCli.main(args);
    } finally {
      System.setOut(original);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    original.print(printed);
    return printed;
  }
}
