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
import java.sql.Timestamp;
import java.math.BigDecimal;
import org.apache.spark.sql.RowFactory;
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
    return f.db.dialect().names().quoteIdentifier(id);
  }

  List<String> panelRows(String table) {
    return f.rows("SELECT " + q("id hogar") + ", periodo, nombre, peso, medido FROM " + f.db.qualified(table) + " ORDER BY 1, 2");
  }

  @Test
  void theOperatorApiAppliesSynchronouslyWithTheSameLedgerAndReadsStatuses() {
    createPanel("op");
    String src = f.source("op", PANEL, List.of(panel(1, 1, "a", "1", null), panel(2, 1, "b", "2", null)));
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
    f.stampLatest(f.identity("team"));
    assertEquals("pending", op.getSyncEvent(pending).orElseThrow().getAs("status"));
    assertTrue(op.listSyncEvents("pending", 100).stream().anyMatch(r -> pending.equals(r.getAs("event_id"))));
    assertTrue(op.getSyncEvent("no-such-event").isEmpty());
  }

  @Test
  void everyReadOfTheSourceSeesTheDeltaVersionCapturedOnce() throws Exception {
    createPanel("pin");
    String src = f.source("pin", PANEL, List.of(panel(1, 1, "a", "1", null), panel(2, 1, "b", "2", null)));
    ValidEvent v = EventValidator.validate(EventSubmitter.newEvent("UPSERT", src, f.db.schema() + ".pin", KEYS, null, "team", Map.of()));
    List<TargetColumn> columns;
    try (Connection c = f.db.open()) {
      columns = TableProbe.columns(new SqlRunner(c, f.db.dialect()), v.target()).stream().map(ci -> new TargetColumn(ci, false, true)).toList();
    }
    SourceData data = SourceData.read(f.spark, v, columns, f.db.dialect().names().identifiersCaseSensitive());
    // A producer appends (a duplicate key and a new key) after the version capture, before checks, count and load.
    f.spark.createDataFrame(List.of(panel(1, 1, "dup", "9", null), panel(3, 1, "c", "3", null)), PANEL)
        .write().format("delta").mode("append").save(src);
    assertEquals(4L, TableRef.of(src).read(f.spark).count(), "control: an unpinned read sees the append");
    assertEquals(0L, data.version());
    assertEquals(2L, data.rows().count(), "the appended rows (a duplicate key among them) are not seen by the load");
    assertEquals(1L, SourceData.read(f.spark, v, columns, f.db.dialect().names().identifiersCaseSensitive()).version(), "a new read captures the new version");
  }

  @Test
  void submitEventAndEventsCommandsThroughTheCli() throws Exception {
    createPanel("cli");
    String src = f.source("cli", PANEL, List.of(panel(1, 1, "a", "1", null)));
    Path conf = Files.createDirectories(f.dir.resolve("cli-conf"));
    Files.writeString(conf.resolve("common.conf"), "tables { events = \"" + f.tables.events() + "\", status = \"" + f.tables.status()
        + "\", audit = \"" + f.tables.audit() + "\" }\n");
    Files.writeString(conf.resolve("permissions.conf"), f.permissionsText());
    String target = f.db.schema() + ".cli";
    String out = cli("submit-event", "--config-path", conf.toString(), "--operation", "UPSERT", "--source", src, "--target", target,
        "--key", "id hogar", "--key", "periodo", "--principal", "team");
    f.stampLatest(f.identity("team"));
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
    CliFailure bad = assertThrows(CliFailure.class, () -> cli("submit-event", "--config-path", conf.toString(),
        "--operation", "UPDATE", "--source", src, "--target", target, "--principal", "team"));
    assertEquals(3, bad.code, "input rejected");
    assertTrue(bad.getMessage().startsWith("error: "), bad.getMessage());
    assertTrue(bad.getMessage().contains("primary_keys"), bad.getMessage());
    assertEquals(eventsBefore, f.spark.read().format("delta").load(f.tables.events()).count(), "nothing appended");
  }

  /** issue 10 item 9: what SyncJob would refuse is refused at submit time, naming no id that was never stored. */
  @Test
  void submitEventRefusesWhatSyncJobWouldRefuseAndResubmitsIdempotently() throws Exception {
    createPanel("cli2");
    String src = f.source("cli2", PANEL, List.of(panel(1, 1, "a", "1", null)));
    Path conf = Files.createDirectories(f.dir.resolve("cli2-conf"));
    Files.writeString(conf.resolve("common.conf"), "tables { events = \"" + f.tables.events() + "\", status = \"" + f.tables.status()
        + "\", audit = \"" + f.tables.audit() + "\" }\n");
    Files.writeString(conf.resolve("permissions.conf"), f.permissionsText());
    String target = f.db.schema() + ".cli2";
    long before = f.spark.read().format("delta").load(f.tables.events()).count();
    Map<String, String[]> refused = new java.util.LinkedHashMap<>();
    refused.put("is not in permissions.conf", new String[] {"--source", src, "--target", target, "--principal", "stranger"});
    refused.put("does not exist", new String[] {"--source", f.dir.resolve("src_missing").toString(), "--target", target, "--principal", "team"});
    refused.put("may not read source", new String[] {"--source", f.dir.resolve("private").resolve("ssn").toString(), "--target", target,
        "--principal", "team"});
    refused.put("no grant on target", new String[] {"--source", src, "--target", "other_schema.t", "--principal", "team"});
    refused.put("only read access", new String[] {"--source", src, "--target", target, "--principal", "readers"});
    refused.put("function reflect()", new String[] {"--source", src, "--target", target, "--principal", "team",
        "--filter", "reflect('java.lang.System','getenv','PATH') IS NOT NULL"});
    refused.put("not a column of the source", new String[] {"--source", src, "--target", target, "--principal", "team", "--filter", "secret > 1"});
    refused.put("never a source", new String[] {"--source", f.tables.status(), "--target", target, "--principal", "team"});
    refused.forEach((message, args) -> {
      List<String> all = new java.util.ArrayList<>(List.of("submit-event", "--config-path", conf.toString(), "--operation", "INSERT"));
      all.addAll(List.of(args));
      CliFailure e = assertThrows(CliFailure.class, () -> cli(all.toArray(new String[0])));
      assertTrue(e.getMessage().contains(message), message + " expected in: " + e.getMessage());
      assertTrue(!e.getMessage().matches("(?s).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*"), "no generated id: " + e.getMessage());
    });
    assertEquals(before, f.spark.read().format("delta").load(f.tables.events()).count(), "nothing appended");

    String[] submit = {"submit-event", "--config-path", conf.toString(), "--operation", "INSERT", "--source", src, "--target", target,
        "--principal", "team", "--event-id", "cli2-fixed-id", "--option", "note=first run", "--option", "ticket=42"};
    assertEquals("cli2-fixed-id", cli(submit).strip());
    f.stampLatest(f.identity("team"));
    assertEquals("cli2-fixed-id", cli(submit).strip(), "the same event again is a no-op");
    Row stored = f.spark.read().format("delta").load(f.tables.events()).filter(functions.col("event_id").equalTo("cli2-fixed-id"))
        .selectExpr("options").collectAsList().get(0);
    assertEquals(Map.of("note", "first run", "ticket", "42"), stored.getJavaMap(0));
    assertEquals(before + 1, f.spark.read().format("delta").load(f.tables.events()).count(), "appended once");
    submit[8] = f.db.schema() + ".cli";
    CliFailure reuse = assertThrows(CliFailure.class, () -> cli(submit));
    assertTrue(reuse.getMessage().contains("already used by a different event"), reuse.getMessage());
  }

  /** A command that exited non-zero: its exit code and what it printed on stderr. */
  static final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    CliFailure(int code, String err) {
      super(err);
      this.code = code;
    }
  }

  /**
   * Runs the CLI in this JVM (the test's Spark session is reused, not stopped); returns what it printed, or
   * throws {@link CliFailure} with the exit code and stderr.
   */
  static String cli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    try {
      code = BridgeCli.run(args, capture, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    } finally {
      System.setOut(original);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    original.print(printed);
    if (code != 0) {
      throw new CliFailure(code, err.toString(StandardCharsets.UTF_8));
    }
    return printed;
  }
  static Row panel(int id, int periodo, String nombre, String peso, String medido) {
    return RowFactory.create(id, periodo, nombre, dec(peso), medido == null ? null : Timestamp.valueOf(medido));
  }

  static BigDecimal dec(String s) {
    return s == null ? null : new BigDecimal(s);
  }
}
