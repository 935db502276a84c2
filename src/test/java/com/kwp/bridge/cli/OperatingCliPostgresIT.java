package com.kwp.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.sync.EventSubmitter;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import com.kwp.bridge.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bad inputs of a new user, through the CLI as typed (real local Spark, embedded PostgreSQL as the
 * source): each exits with its documented code, says one line starting with {@code error:} plus a hint,
 * shows no stack trace, and loses nothing.
 */
class OperatingCliPostgresIT {
  private static TestDatabase db;
  private static SparkSession spark;
  private static String table;

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
    db = TestDatabases.postgres();
    table = TestDatabase.uniqueName("ventas");
    db.execute("CREATE TABLE " + db.qualified(table) + " (id integer PRIMARY KEY, monto numeric(12,2))",
        "INSERT INTO " + db.qualified(table) + " SELECT g, g * 1.5 FROM generate_series(1, 100) g");
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  /** A conf/ and queries/ folder with one good query; {@code common} is common.conf's text. */
  private record Setup(Path root, Path conf, Path queries, Path out, Path runs) {}

  private static Setup setup(String common) throws IOException {
    Path root = TestSpark.tempDir("operating-it");
    Path conf = Files.createDirectories(root.resolve("conf"));
    Path queries = Files.createDirectories(root.resolve("queries"));
    Files.writeString(conf.resolve("common.conf"), common);
    Files.writeString(conf.resolve("Colombia.conf"), "params { t = " + table + " }\n");
    Files.writeString(queries.resolve("ventas.sql"), "SELECT id, monto FROM public.{t}");
    return new Setup(root, conf, queries, root.resolve("out"), root.resolve("runs"));
  }

  private static String[] extract(Setup s, String destination, String... extra) {
    List<String> a = new ArrayList<>(List.of("extract", "--queries-path", s.queries().toString(), "--config-path", s.conf().toString(),
        "--country", "Colombia", "--destination", destination, "--conf", "source.url=" + db.url(), "--conf", "source.username=postgres"));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  private static String runsConf(Setup s) {
    return "extract.runs-table=" + s.runs();
  }

  /** One {@code error:} line, one {@code hint:} line, no stack trace. */
  private static void assertOneLineError(Cli.Result r, int code, String... inMessage) {
    assertEquals(code, r.code(), r.all());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.all());
    assertTrue(lines.get(0).startsWith("error: "), r.all());
    assertTrue(lines.get(1).startsWith("hint: "), r.all());
    for (String s : inMessage) {
      assertTrue(lines.get(0).contains(s), "'" + s + "' in: " + lines.get(0));
    }
    assertFalse(r.err().contains("\tat ") || r.out().contains("\tat ") || r.err().contains("Exception in thread"), r.all());
  }

  private static long files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void usageErrorsExitTwoWithOneLine() {
    assertOneLineError(Cli.run("extrac"), 2, "Unknown command 'extrac'", "extract");
    assertOneLineError(Cli.run("extract", "--queries-path", "q", "--config-path", "c"), 2, "--country");
    assertOneLineError(Cli.run("events", "--config-path", "conf", "--limit", "ten"), 2, "--limit", "'ten'");
    assertOneLineError(Cli.run("events", "--config-path", "conf", "--status", "done"), 2, "--status", "pending");
    Cli.Result help = Cli.run("extract", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("Usage: bridge extract [options]") && help.out().contains("(required)"), help.out());
  }

  @Test
  void aMisspeltSectionFailsBeforeAnythingRuns() throws IOException {
    Setup s = setup("extrac { mode = overwrite }\n");
    Cli.Result r = Cli.run(extract(s, s.out().toString(), "--conf", runsConf(s)));
    assertOneLineError(r, 3, "Unknown top-level key 'extrac'", "common.conf", "extract, logging, params");
    assertFalse(Files.exists(s.out()), "nothing written");
  }

  @Test
  void theDefaultRunsTableThatCannotBeWrittenLocallyFailsInPreflight() throws IOException {
    Setup s = setup("params {}\n");
    Cli.Result r = Cli.run(extract(s, s.out().toString()));
    assertOneLineError(r, 3, "extract.runs-table = 'bridge.events.bridge_extract_runs'", "--conf extract.runs-table=");
    assertEquals(0, files(s.out()), "no query ran");
  }

  @Test
  void aOnePartDestinationNameSaysToWriteAPath() throws IOException {
    Setup s = setup("params {}\n");
    Cli.Result r = Cli.run(extract(s, "out_" + System.nanoTime(), "--conf", runsConf(s)));
    assertOneLineError(r, 3, "destination schema", "./out_");
    assertFalse(Files.exists(s.runs()), "the runs table is checked after the destination; nothing recorded");
  }

  @Test
  void anUnwritableDestinationIsAConnectionErrorBeforeAnyQuery() throws IOException {
    Setup s = setup("params {}\n");
    Path blocker = Files.writeString(s.root().resolve("a-file"), "not a folder");
    Cli.Result r = Cli.run(extract(s, blocker.resolve("out").toString(), "--conf", runsConf(s)));
    assertOneLineError(r, 4, "is not writable", "--destination");
    assertEquals("not a folder", Files.readString(blocker));
  }

  @Test
  void anUnreachableSourceIsTriedOnceAndStops() throws IOException {
    Setup s = setup("params {}\n");
    Files.writeString(s.queries().resolve("productos.sql"), "SELECT 1 AS x");
    Cli.Result r = Cli.run(extract(s, s.out().toString(), "--conf", runsConf(s), "--conf",
        "source.url=jdbc:postgresql://127.0.0.1:1/nowhere?password=topsecret"));
    assertOneLineError(r, 4, "connect to source");
    assertFalse(r.err().contains("topsecret") || r.out().contains("topsecret"), r.all());
    assertFalse(r.out().contains("FAILED"), "no query was attempted: " + r.out());
    assertEquals(0, files(s.out()));
  }

  @Test
  void aFailedOverwriteKeepsThePreviousParquetOutput() throws IOException {
    Setup s = setup("params {}\n");
    Path dest = s.out().resolve("Colombia");
    assertEquals(0, Cli.run(extract(s, dest.toString(), "--conf", runsConf(s))).code());
    Path ventas = dest.resolve("ventas");
    assertEquals(100, spark.read().parquet(ventas.toString()).count());
    // The read fails at row 50, after the first rows were fetched.
    Files.writeString(s.queries().resolve("ventas.sql"), "SELECT id, monto, 100 / (id - 50) AS x FROM public.{t}");
    Cli.Result r = Cli.run(extract(s, dest.toString(), "--conf", runsConf(s), "--overwrite"));
    assertOneLineError(r, 5, "1 query failed: ventas");
    assertTrue(r.out().contains("division by zero"), r.out());
    assertEquals(100, spark.read().parquet(ventas.toString()).count(), "the previous output is intact");
    assertEquals(2, spark.read().parquet(ventas.toString()).columns().length, "and it is the previous one");
    try (Stream<Path> left = Files.list(dest)) {
      assertEquals(List.of("ventas"), left.map(p -> p.getFileName().toString()).toList(), "no half-written folder left beside it");
    }
    Files.writeString(s.queries().resolve("ventas.sql"), "SELECT id, monto, id * 2 AS x FROM public.{t}");
    assertEquals(0, Cli.run(extract(s, dest.toString(), "--conf", runsConf(s), "--overwrite")).code());
    assertEquals(3, spark.read().parquet(ventas.toString()).columns().length, "a successful overwrite swaps the new output in");
    try (Stream<Path> left = Files.list(dest)) {
      assertEquals(1, left.count());
    }
  }

  @Test
  void keysWithParquetFailThatQueryOnlyAndTheSummaryAndRunsTableAreWritten() throws IOException {
    Setup s = setup("extract.queries.productos { incremental-column = id, keys = [id] }\n");
    Files.writeString(s.queries().resolve("productos.sql"), "SELECT id FROM public.{t}");
    Cli.Result r = Cli.run(extract(s, s.out().toString(), "--conf", runsConf(s)));
    assertOneLineError(r, 5, "1 query failed: productos");
    assertTrue(r.out().contains("extract.queries.productos.keys needs Delta"), r.out());
    assertFalse(r.out().contains("NullPointerException") || r.err().contains("NullPointerException"), r.all());
    r.out().lines().forEach(l -> assertTrue(l.length() <= 120, l));
    List<Row> runs = spark.read().format("delta").load(s.runs().toString()).select("query", "status").orderBy("query").collectAsList();
    assertEquals("[[productos,FAILED], [ventas,OK]]", runs.toString());
    assertEquals(100, spark.read().parquet(s.out().resolve("ventas").toString()).count(), "the other query was written");
  }

  @Test
  void aQueryOfAMissingTableSaysWhyOnItsOwnSummaryRowAndEveryLineFitsTheTerminal() throws IOException {
    Setup s = setup("params {}\n");
    Files.writeString(s.queries().resolve("ghost.sql"), "SELECT * FROM dbo.no_such_table");
    Cli.Result r = Cli.run(extract(s, s.out().toString(), "--conf", runsConf(s), "--query", "ventas", "--query", "ghost"));
    assertOneLineError(r, 5, "1 query failed: ghost");
    String ghost = r.out().lines().filter(l -> l.startsWith("ghost ")).findFirst().orElseThrow(() -> new AssertionError(r.all()));
    assertTrue(ghost.contains("FAILED") && ghost.endsWith("  relation \"dbo.no_such_table\" does not exist"), ghost);
    assertFalse(r.out().contains("read the columns of the query failed"), "the step and the SQLState are in the log: " + r.out());
    (r.out() + r.err()).lines().forEach(l -> assertTrue(l.length() <= 120, l.length() + ": " + l));
  }

  @Test
  void anIncrementalColumnAloneRunsIncrementally() throws IOException {
    Setup s = setup("extract.queries.ventas { incremental-column = id }\n");
    Cli.Result first = Cli.run(extract(s, s.out().toString(), "--conf", runsConf(s)));
    assertEquals(0, first.code(), first.all());
    assertTrue(first.out().lines().anyMatch(l -> l.startsWith("ventas") && l.contains("incremental")), first.out());
    Cli.Result again = Cli.run(extract(s, s.out().toString(), "--conf", runsConf(s)));
    assertEquals(0, again.code(), again.all());
    assertEquals(100, spark.read().parquet(s.out().resolve("ventas").toString()).count(), "caught up: nothing appended twice");
  }

  @Test
  void debugAddsTheStackTrace() throws IOException {
    Setup s = setup("extrac {}\n");
    Cli.Result r = Cli.run(extract(s, s.out().toString(), "--debug"));
    assertEquals(3, r.code());
    assertTrue(r.err().startsWith("error: ") && r.err().contains("\tat "), r.all());
    Cli.Result env = Cli.run(Map.of("BRIDGE_DEBUG", "1"), extract(s, s.out().toString()));
    assertTrue(env.err().contains("\tat "), env.all());
  }

  @Test
  void eventsBeforeTheFirstSyncJobRunArePendingAndSyncJobWithoutPermissionsFailsAtStart() throws IOException {
    Path root = TestSpark.tempDir("operating-events");
    Path conf = Files.createDirectories(root.resolve("conf"));
    String events = root.resolve("bridge_events").toString();
    Files.writeString(conf.resolve("common.conf"), "tables { events = \"" + events + "\", status = \"" + root.resolve("status")
        + "\", audit = \"" + root.resolve("audit") + "\" }\nsync.checkpoint = \"" + root.resolve("checkpoint") + "\"\n"
        + "target { url = \"" + db.url() + "\", username = postgres }\n");
    Files.writeString(conf.resolve("permission.conf"), "principals { team = [ { table = \"public.x\", access = write } ] }\n");
    Cli.Result none = Cli.run("events", "--config-path", conf.toString());
    assertOneLineError(none, 3, "events table", "does not exist yet");

    String source = root.resolve("src").toString();
    spark.sql("SELECT 1 AS id").write().format("delta").save(source);
    String id = new EventSubmitter(TableRef.of(events)).submit(spark, EventSubmitter.newEvent("INSERT", source, "public.x", null, null,
        "team", Map.of()));
    Cli.Result listed = Cli.run("events", "--config-path", conf.toString());
    assertEquals(0, listed.code(), listed.all());
    assertTrue(listed.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("pending") && l.contains("rows=-")), listed.out());
    assertFalse(listed.out().contains("null"), listed.out());

    Cli.Result sync = Cli.run("sync", "--config-path", conf.toString());
    assertOneLineError(sync, 3, "No permissions.conf in", "permission.conf");
    assertFalse(Files.exists(root.resolve("status")), "SyncJob did not start: no status written");
    Cli.Result still = Cli.run("events", "--config-path", conf.toString(), "--id", id);
    assertTrue(still.out().matches("(?s).*status\\s+pending\\R.*"), still.out());
  }

  /**
   * A relative path for each bridge table, as a user writes it in common.conf ({@code ./lake/...} and
   * {@code lake/...}): resolved once against the working directory, which is the project folder when the tests
   * run, so the tables go to a unique folder under target/ that the test removes.
   */
  @Test
  void relativeTablePathsAreResolvedAgainstTheWorkingDirectoryAndShownResolved() throws IOException {
    String rel = "target/relative-tables-" + System.nanoTime();
    Path abs = Path.of(rel).toAbsolutePath();
    try {
      Setup s = setup("tables { events = \"./" + rel + "/lake/bridge_events\", status = \"./" + rel + "/lake/bridge_event_status\","
          + " audit = \"" + rel + "/lake/bridge_audit\" }\n" + "extract.runs-table = \"" + rel + "/bridge-runs\"\n");
      Files.writeString(s.conf().resolve("permissions.conf"), "principals { \"team-id\" { name = team, sources = [\"" + s.root()
          + "/*\"], targets = [ { table = \"public.x\", access = write } ] } }\n");
      String source = s.root().resolve("src").toString();
      spark.sql("SELECT 1 AS id").write().format("delta").save(source);

      Cli.Result submitted = Cli.run("submit-event", "--config-path", s.conf().toString(), "--operation", "INSERT", "--source", source,
          "--target", "public.x", "--principal", "team");
      assertEquals(0, submitted.code(), submitted.all());
      String id = submitted.out().strip();
      assertEquals(1, spark.read().format("delta").load(abs.resolve("lake/bridge_events").toString()).count(), "appended under target/");
      Cli.Result listed = Cli.run("events", "--config-path", s.conf().toString(), "--id", id);
      assertEquals(0, listed.code(), listed.all());
      assertTrue(listed.out().matches("(?s).*status\\s+pending\\R.*"), listed.out());

      Cli.Result shown = Cli.run("show-params", "--config-path", s.conf().toString(), "--country", "Colombia");
      assertEquals(0, shown.code(), shown.all());
      for (String line : List.of("tables.events", "tables.status", "tables.audit", "extract.runs-table")) {
        assertTrue(shown.out().lines().anyMatch(l -> l.strip().startsWith(line + " ") && l.contains(abs.toString() + "/")), line + " in " + shown.out());
      }

      Cli.Result r = Cli.run(extract(s, s.out().toString()));
      assertEquals(0, r.code(), r.all());
      assertEquals(List.of("ventas"), spark.read().format("delta").load(abs.resolve("bridge-runs").toString()).select("query")
          .collectAsList().stream().map(row -> row.getString(0)).toList(), "the runs table under target/ too");
    } finally {
      if (Files.exists(abs)) {
        try (Stream<Path> all = Files.walk(abs)) {
          all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @Test
  void longQueriesReportLiveProgressFromTaskMetrics() throws IOException {
    Setup s = setup("extract.queries.ventas { partition-column = id, num-partitions = 4 }\n");
    // About 50 ms per row in the source, so the run lasts a few seconds.
    Files.writeString(s.queries().resolve("ventas.sql"),
        "SELECT id, monto FROM public.{t} WHERE (SELECT 1 FROM pg_sleep(0.05 + id * 0)) = 1");
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.logging.Handler h = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        lines.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger progress = java.util.logging.Logger.getLogger("com.kwp.bridge.progress.ProgressReporter");
    progress.addHandler(h);
    try {
      Cli.Result r = Cli.run(extract(s, s.out().toString(), "--conf", runsConf(s), "--conf", "logging.progress-interval=250ms"));
      assertEquals(0, r.code(), r.all());
    } finally {
      progress.removeHandler(h);
    }
    List<String> ours = lines.stream().filter(l -> l.startsWith("progress Colombia/ventas: ")).toList();
    assertFalse(ours.isEmpty(), "progress lines: " + lines);
    assertTrue(ours.stream().allMatch(l -> l.matches("progress Colombia/ventas: \\d+/(\\d+|\\?) partitions, [\\d,]+ rows, [\\d,]+ rows/s, \\d+s elapsed.*")),
        ours.toString());
    assertTrue(ours.stream().noneMatch(l -> l.matches(".*: \\d+/\\d+ partitions, ([2-9]\\d\\d|1\\d\\d[1-9]|10[1-9]|1[1-9]\\d)[\\d,]* rows.*")),
        "never more rows than the source has (100): " + ours);
    assertTrue(ours.stream().anyMatch(l -> l.matches(".*: [1-9]\\d*/\\d+ partitions, [1-9][\\d,]* rows.*~\\d+s left")), "a partial report with an estimate: " + ours);
  }
}
