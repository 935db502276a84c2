package com.kwp.bridge.sync;

import com.kwp.bridge.audit.RunContext;
import com.kwp.bridge.config.PermissionsLoader;
import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.jdbc.Retrier;
import com.kwp.bridge.jdbc.RetryPolicy;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.security.Permissions;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestSpark;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** A SyncJob wired to a test database, with its Delta tables and checkpoint under one temporary folder. */
final class SyncFixture {
  final SparkSession spark = TestSpark.session();
  final TestDatabase db;
  final Path dir;
  final TablesConfig tables;
  final List<Integer> retriesSeen = new ArrayList<>();
  String checkpoint;
  SyncConfig.Identity identity = SyncConfig.Identity.COMMIT;

  SyncFixture(TestDatabase db) {
    this.db = db;
    this.dir = TestSpark.tempDir("sync-it");
    this.tables = new TablesConfig(dir.resolve("events").toString(), dir.resolve("status").toString(), dir.resolve("audit").toString());
    this.checkpoint = dir.resolve("checkpoint").toString();
  }

  static Config syncConf(Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.parseMap(Map.of(
        "sync.retry.base-delay", "10ms", "sync.retry.max-delay", "50ms", "sync.staging-schema", "bridge_staging", "sync.ledger-schema", "bridge")))
        .withFallback(ConfigFactory.defaultReference()).resolve();
  }

  /**
   * The authenticated identity behind a display name used by the scenarios, as Unity Catalog would record it
   * for the principal's commits. "team" is the Spark session's current user, so the operator API (which
   * acts as the current user) is "team" too.
   */
  String identity(String displayName) {
    if (displayName.equals("team")) {
      return BridgeOperator.currentUser(spark);
    }
    return displayName + "@kwp.test";
  }

  /** Sources the scenarios may send: tables directly in this fixture's folder (never deeper, never the bridge's own). */
  String sourceFolder() {
    return dir.toAbsolutePath().toString();
  }

  /**
   * permissions.conf of the scenarios: "team" may read the fixture's sources and write everything in the test
   * schema (deletes up to 5 rows); "readers" may read them and only read the targets; "stranger" has no entry.
   */
  String permissionsText() {
    return "principals {\n"
        + "  \"" + identity("team") + "\" { name = team, sources = [\"" + sourceFolder() + "/*\"],"
        // REPLACE only where a grant says replace = true (the first grant covering a target is the one used)
        + " targets = [ { table = \"" + db.schema() + ".rpl\", access = write, replace = true },"
        + " { table = \"" + db.schema() + ".rpl_empty\", access = write, replace = true },"
        + " { table = \"" + db.schema() + ".rpl_dry\", access = write, replace = true },"
        + " { table = \"" + db.schema() + ".rpl_live\", access = write, replace = true },"
        + " { table = \"" + db.schema() + ".rpl_trunc\", access = write, replace = true },"
        + " { table = \"" + db.schema() + ".*\", access = read_write, max_delete_rows = 5 },"
        // Grants on the bridge's own schemas, so the test shows they are refused anyway.
        + " { table = \"bridge.*\", access = write }, { table = \"bridge_staging.*\", access = write } ] }\n"
        + "  \"" + identity("readers") + "\" { name = readers, sources = [\"" + sourceFolder() + "/*\"],"
        + " targets = [ { table = \"" + db.schema() + ".*\", access = read } ] }\n"
        + "}\n";
  }

  Permissions permissions() {
    return PermissionsLoader.parse(ConfigFactory.parseString(permissionsText()), "test permissions");
  }

  SyncEngine engine() {
    return engine(Map.of());
  }

  /** The engine with {@code overrides} of the sync settings (e.g. {@code sync.bulk.replace}). */
  SyncEngine engine(Map<String, Object> overrides) {
    SyncConfig cfg = SyncConfig.from(syncConf(overrides)).withCheckpoint(checkpoint).withIdentity(identity);
    Retrier retrier = new Retrier(SyncEngine.policy(cfg), d -> Thread.sleep(1));
    return new SyncEngine(db.connection(), cfg, tables, permissions(), RunContext.of("it-run"), retrier);
  }

  BatchHandler.RunSummary runSync() {
    return SyncStream.run(spark, engine());
  }

  /** Writes rows as a path-based Delta source table; returns its path. */
  String source(String name, StructType schema, List<Row> rows) {
    return sourceAt(dir.resolve("src_" + name).toString(), schema, rows);
  }

  /** As {@link #source} at any path (e.g. outside the granted folder). */
  String sourceAt(String path, StructType schema, List<Row> rows) {
    // Column mapping lets Delta store names with spaces ("id hogar"); set for this write only.
    String[] keys = {"spark.databricks.delta.properties.defaults.columnMapping.mode",
        "spark.databricks.delta.properties.defaults.minReaderVersion", "spark.databricks.delta.properties.defaults.minWriterVersion"};
    String[] values = {"name", "2", "5"};
    try {
      for (int i = 0; i < keys.length; i++) {
        spark.conf().set(keys[i], values[i]);
      }
      spark.createDataFrame(rows, schema).write().format("delta").mode("overwrite").save(path);
    } finally {
      for (String k : keys) {
        spark.conf().unset(k);
      }
    }
    return path;
  }

  String submit(String op, String source, String targetTable, List<String> keys, String principal) {
    return submit(op, source, targetTable, keys, principal, null);
  }

  /** Submits through the producers' helper as {@code principal} would on Databricks: its commit carries its identity. */
  String submit(String op, String source, String targetTable, List<String> keys, String principal, String filter) {
    return submitWith(op, source, targetTable, keys, principal, filter, Map.of());
  }

  /** As {@link #submit} with the event's {@code options}. */
  String submitWith(String op, String source, String targetTable, List<String> keys, String principal, String filter,
      Map<String, String> options) {
    SyncEvent e = EventSubmitter.newEvent(op, source, db.schema() + "." + targetTable, keys, filter, principal, options);
    String id = new EventSubmitter(TableRef.of(tables.events())).submit(spark, e);
    stampLatest(identity(principal));
    return id;
  }

  /** Appends an event without validation (a producer writing the table directly), committed as its requested_by's identity. */
  String appendRaw(SyncEvent e) {
    return appendRawAs(e, identity(e.requestedBy()));
  }

  /** Appends an event without validation, committed by {@code committer} (an identity), whatever its requested_by says. */
  String appendRawAs(SyncEvent e, String committer) {
    com.kwp.bridge.lake.EventTables.createIfMissing(spark, TableRef.of(tables.events()), TableRef.of(tables.status()), TableRef.of(tables.audit()));
    spark.createDataFrame(List.of(e.toRow()), com.kwp.bridge.lake.EventTables.EVENTS).write().format("delta").mode("append").save(tables.events());
    stampLatest(committer);
    return e.eventId();
  }

  /**
   * Appends an event row whose {@code event_id} is {@code rawId} exactly as given (a producer writing the table
   * directly, in a spelling the bridge would not write), committed by {@code committer}.
   */
  void appendRawIdAs(SyncEvent e, String rawId, String committer) {
    com.kwp.bridge.lake.EventTables.createIfMissing(spark, TableRef.of(tables.events()), TableRef.of(tables.status()), TableRef.of(tables.audit()));
    Row r = e.toRow();
    Object[] values = new Object[r.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.get(i);
    }
    values[com.kwp.bridge.lake.EventTables.EVENTS.fieldIndex("event_id")] = rawId;
    spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(values)), com.kwp.bridge.lake.EventTables.EVENTS)
        .write().format("delta").mode("append").save(tables.events());
    stampLatest(committer);
  }

  /** Stamps the events table's latest commit with {@code committer}, as Unity Catalog records it. */
  void stampLatest(String committer) {
    com.kwp.bridge.testing.DeltaCommits.stampLatest(spark, tables.events(), committer);
  }

  Row status(String eventId) {
    return new StatusStore(TableRef.of(tables.status()), TableRef.of(tables.events())).get(spark, eventId).orElseThrow();
  }

  long ledgerRows(String eventId) {
    return db.query("SELECT COUNT(*) FROM " + db.dialect().names().quoteIdentifier("bridge") + "." + db.dialect().names().quoteIdentifier("applied_events")
        + " WHERE event_id = '" + eventId + "'", rs -> get(rs, 1)).get(0) instanceof Number n ? n.longValue() : -1;
  }

  /** All rows of a query as strings "a|b|c" (NULL as "null"). */
  List<String> rows(String sql) {
    return db.query(sql, rs -> {
      try {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          sb.append(i > 1 ? "|" : "").append(typed(rs, i));
        }
        return sb.toString();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Audit details of one event and event type, oldest first. */
  List<String> auditDetails(String eventId, String eventType) {
    return spark.read().format("delta").load(tables.audit()).filter(org.apache.spark.sql.functions.col("event_id").equalTo(eventId)
        .and(org.apache.spark.sql.functions.col("event_type").equalTo(eventType))).orderBy("ts").select("detail")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  /** Rows as "a|b|c" from JDBC objects: dates as ISO, byte[] as lower-case hex, booleans as true/false (same on every database). */
  List<String> typedRows(String sql) {
    return db.query(sql, rs -> {
      try {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object v = rs.getObject(i);
          sb.append(i > 1 ? "|" : "").append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(v));
        }
        return sb.toString();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * A value in one text form whatever the database: getString is dialect-specific (mssql-jdbc prints a
   * DATETIME2(6) midnight as {@code 1999-12-31 00:00:00.000000}, PostgreSQL as {@code 1999-12-31 00:00:00}),
   * so timestamps are read as LocalDateTime and decimals as BigDecimal, then formatted here.
   */
  static String typed(ResultSet rs, int i) throws SQLException {
    int type = rs.getMetaData().getColumnType(i);
    if (type == java.sql.Types.TIMESTAMP) {
      java.time.LocalDateTime t = rs.getObject(i, java.time.LocalDateTime.class);
      if (t == null) {
        return "null";
      }
      String text = t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
      int micros = t.getNano() / 1000;
      return micros == 0 ? text : text + "." + String.format("%06d", micros).replaceAll("0+$", "");
    }
    if (type == java.sql.Types.NUMERIC || type == java.sql.Types.DECIMAL) {
      java.math.BigDecimal d = rs.getBigDecimal(i);
      return d == null ? "null" : d.toPlainString();
    }
    return rs.getString(i);
  }

  static Object get(ResultSet rs, int i) {
    try {
      return rs.getObject(i);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
