package com.kwp.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** bridge run-query against the embedded PostgreSQL: rows as an aligned table, INFO, and refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunQueryPostgresIT {
  private final Path conf = com.kwp.bridge.testing.TestSpark.tempDir("run-query");
  private TestDatabase db;
  private String table;

  @BeforeAll
  void start() throws IOException {
    db = TestDatabases.postgres();
    table = TestDatabase.uniqueName("clientes");
    db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, nombre varchar(40), fecha_modificacion timestamp NOT NULL)",
        "CREATE INDEX " + table + "_nombre ON " + table + " (nombre)",
        "INSERT INTO " + table + " SELECT g, CASE WHEN g = 2 THEN NULL ELSE CONCAT('cliente ', g) END,"
            + " TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '1 hour' FROM generate_series(1, 30) g",
        "ANALYZE " + table, "CREATE SEQUENCE " + table + "_seq");
    Files.writeString(conf.resolve("common.conf"), "params {}");
    Files.writeString(conf.resolve("Colombia.conf"), "extract.target-rows-per-partition = 10");
  }

  @AfterAll
  void stop() {
    db.close();
  }

  private String run(String... words) {
    return runIn(conf, words);
  }

  private String runIn(Path confDir, String... words) {
    List<String> args = new ArrayList<>(List.of("--config-path", confDir.toString(), "--country", "Colombia",
        "--conf", "source.url=" + db.url(), "--conf", "source.username=postgres"));
    args.addAll(List.of(words));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      new RunQueryCommand(ps).run(args.toArray(String[]::new));
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    return out;
  }

  @Test
  void selectPrintsAtMostLimitRowsAligned() {
    String out = run("--limit", "3", "SELECT id, nombre FROM " + table + " ORDER BY id");
    assertEquals(String.join(System.lineSeparator(), "id  nombre", "--  ---------", "1   cliente 1", "2   NULL", "3   cliente 3",
        "(3 rows; more rows exist, raise --limit to see them)", ""), out);
    assertTrue(run("SELECT COUNT(*) AS n FROM " + table).contains("30"), "default limit 20 applies to rows, not to the count");
    assertEquals(23, run("SELECT id FROM " + table).lines().count(), "header, rule, 20 rows, footer");
  }

  @Test
  void infoShowsColumnsKeysEstimateAndTheAutomaticChoices() {
    String out = run("INFO", "public." + table);
    assertTrue(out.contains("table: public." + table), out);
    assertTrue(out.matches("(?s).*id\\s+bigint\\s+NOT NULL\\s+PK.*"), out);
    assertTrue(out.matches("(?s).*nombre\\s+character varying\\(40\\)\\s+NULL\\s+" + table + "_nombre.*"), out);
    assertTrue(out.contains("row estimate: 30"), out);
    assertTrue(out.contains("partitioning: 3 ranges + NULLs, range of id [1, 30] [auto: id from single-column primary key " + table + "_pkey (bigint);"
        + " 3 partitions from ~30 rows / 10 per partition; even key"), out);
    assertTrue(out.contains("watermark: (if mode = incremental) non-null timestamp without time zone column fecha_modificacion"), out);
  }

  /** A folder whose common.conf says {@code extra}, beside a Colombia.conf like the class's. */
  private Path confWith(String extra) throws IOException {
    Path dir = com.kwp.bridge.testing.TestSpark.tempDir("run-query-conf");
    Files.writeString(dir.resolve("common.conf"), extra);
    Files.writeString(dir.resolve("Colombia.conf"), "extract.target-rows-per-partition = 10");
    return dir;
  }

  @Test
  void infoDescribesATableWhoseNameAConfiguredQueryAlsoUses() throws IOException {
    // a template block named like the table: INFO writes no output, so no output name can clash
    Path both = confWith("extract.queries." + table + " { partition-column = nombre, num-partitions = 7 }\n");
    String out = runIn(both, "INFO", "public." + table);
    assertTrue(out.contains("table: public." + table), out);
    assertTrue(out.contains("settings: defaults (no extract.tables entry names public." + table + ")"), out);
    assertTrue(out.contains("partitioning: 3 ranges + NULLs, range of id [1, 30] [auto: id from single-column primary key"), out);
  }

  @Test
  void infoShowsTheSettingsOfTheConfiguredTableEntryForTheTable() throws IOException {
    Path configured = confWith("extract.queries." + table + " { partition-column = nombre }\n"
        + "extract.tables.historia { table = \"public." + table + "\", partition-column = id, num-partitions = 2, mode = incremental,"
        + " incremental-column = fecha_modificacion }\n");
    for (String typed : List.of("public." + table, "PUBLIC." + table.toUpperCase(java.util.Locale.ROOT), "historia")) {
      String out = runIn(configured, "INFO", typed);
      assertTrue(out.contains("settings: extract.tables.historia (partition-column=id num-partitions=2 mode=incremental"
          + " incremental-column=fecha_modificacion)"), typed + ": " + out);
      assertTrue(out.contains("partitioning: 2 ranges + NULLs, range of id [1, 30]"), typed + ": " + out);
      assertTrue(out.contains("watermark: incremental-column = fecha_modificacion (configured)"), typed + ": " + out);
    }
  }

  @Test
  void anythingButOneSelectIsRefusedAndNothingChanges() {
    ValidationException delete = assertThrows(ValidationException.class, () -> run("DELETE FROM " + table));
    assertTrue(delete.getMessage().contains("only runs a SELECT"), delete.getMessage());
    assertThrows(ValidationException.class, () -> run("SELECT 1; DROP TABLE " + table));
    assertThrows(ValidationException.class, () -> run("SELECT * INTO copia FROM " + table));
    // a SELECT that writes is stopped by the read-only transaction
    DatabaseException write = assertThrows(DatabaseException.class, () -> run("SELECT nextval('" + table + "_seq')"));
    assertTrue(write.getMessage().contains("read-only transaction"), write.getMessage());
    assertEquals(30, db.count(table));
    assertThrows(UsageException.class, () -> run("--limit", "0", "SELECT 1"));
  }
}
