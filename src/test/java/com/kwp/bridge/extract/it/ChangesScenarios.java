package com.kwp.bridge.extract.it;

import static com.kwp.bridge.extract.it.ExtractFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.ExtractFailedException;
import com.kwp.bridge.extract.JdbcReader;
import com.kwp.bridge.extract.PartitionPlan;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.lake.ChangeVersion;
import com.kwp.bridge.lake.ChangesMerge;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestSpark;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code mode = changes} end to end (real database, real Spark, real Delta), written once and bound to
 * PostgreSQL (the bridge's trigger-maintained change log) and SQL Server (change tracking) by subclasses.
 * Every check compares the whole Delta table with the source table, row for row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChangesScenarios {
  protected TestDatabase db;
  protected final SparkSession spark = TestSpark.session();

  protected abstract TestDatabase newDatabase();

  protected abstract SourceSql sourceSql();

  /**
   * Turns the change log on for {@code table} (primary key {@code id}); false where the server has none
   * (Babelfish), and the scenario then checks {@link #refusedUntrackedAndSnapshotStillRuns} instead.
   */
  protected abstract boolean enableChanges(TableName table);

  /** Makes the source forget the changes made so far, as its cleanup would once they pass retention. */
  protected abstract void forgetChanges(TableName table);

  @BeforeAll
  void start() {
    db = newDatabase();
  }

  @AfterAll
  void stop() {
    db.close();
  }

  /** A table with a key, text, a decimal and a column whose name needs Delta column mapping; rows 1..n. */
  private TableName seeded(String prefix, int n) {
    String table = TestDatabase.uniqueName(prefix);
    db.execute("CREATE TABLE " + db.qualified(table) + " (id bigint NOT NULL PRIMARY KEY, nombre " + sourceSql().textType()
        + ", monto numeric(12,2), \"id hogar\" integer)");
    insert(table, 1, n, "n");
    return TableName.of(db.schema(), table);
  }

  private void insert(String table, long from, long to, String prefix) {
    db.execute("INSERT INTO " + db.qualified(table) + " (id, nombre, monto, \"id hogar\") SELECT g, CONCAT('" + prefix + "', g),"
        + " CAST(g * 3 AS numeric(12,2)) / 2, CASE WHEN g % 4 = 0 THEN NULL ELSE CAST(g % 7 AS integer) END FROM " + sourceSql().series(from, to));
  }

  private ExtractFixture fixture(TableName table, String extra) {
    ExtractFixture f = new ExtractFixture(db, sourceSql());
    f.conf("common.conf", "extract.tables." + table.table() + " { table = \"" + table.schema() + "." + table.table()
        + "\", mode = changes, format = delta" + extra + " }");
    f.conf("Colombia.conf", "");
    return f;
  }

  private String q(TableName t) {
    return db.qualified(t.table());
  }

  @Test
  void insertsUpdatesDeletesAndAKeyChangedTwiceLandExactlyOnce() {
    TableName t = seeded("chg", 200);
    ExtractFixture f = fixture(t, "");
    if (!enableChanges(t)) {
      refusedUntrackedAndSnapshotStillRuns(t, f);
      return;
    }
    QueryResult first = result(f.extract("Colombia"), t.table());
    assertEquals(QueryResult.Status.OK, first.status());
    assertEquals("changes", first.mode());
    assertEquals(200, first.rowsWritten(), "the snapshot");
    assertNull(first.watermarkFrom(), "a snapshot continues from no version");
    assertSameRows(t, first.destination());
    assertEquals("true", property(first.destination(), "delta.enableDeletionVectors"),
        "the snapshot creates the table with deletion vectors, so a MERGE rewrites no whole file");

    insert(t.table(), 201, 210, "nuevo");
    db.execute("UPDATE " + q(t) + " SET nombre = 'cambiado' WHERE id <= 5",
        "DELETE FROM " + q(t) + " WHERE id IN (6, 7, 8)",
        "UPDATE " + q(t) + " SET monto = 1 WHERE id = 9",
        "UPDATE " + q(t) + " SET monto = 2, \"id hogar\" = NULL WHERE id = 9",
        "INSERT INTO " + q(t) + " (id, nombre) VALUES (300, 'efimero')",
        "DELETE FROM " + q(t) + " WHERE id = 300",
        "DELETE FROM " + q(t) + " WHERE id = 10",
        "INSERT INTO " + q(t) + " (id, nombre, monto) VALUES (10, 'renacido', 99)",
        "UPDATE " + q(t) + " SET id = 1011 WHERE id = 11");
    QueryResult second = result(f.extract("Colombia"), t.table());
    assertEquals(QueryResult.Status.OK, second.status());
    assertEquals(first.watermarkTo(), second.watermarkFrom(), "continues from the version the snapshot committed");
    // keys 1-5, 6-8, 9, 10, 11, 1011, 201-210 (and 300 when the log still names it: inserted and deleted, so a no-op)
    assertTrue(second.rowsRead() >= 22 && second.rowsRead() <= 23, "changed keys read: " + second.rowsRead());
    assertSameRows(t, second.destination());
    assertEquals(207, spark.read().format("delta").load(second.destination()).count());

    long commits = DeltaTable.forPath(spark, second.destination()).history().count();
    QueryResult third = result(f.extract("Colombia"), t.table());
    assertEquals(0, third.rowsRead(), "nothing changed: nothing read");
    assertEquals(commits, DeltaTable.forPath(spark, second.destination()).history().count(), "and nothing committed");
    assertSameRows(t, third.destination());

    // A key inserted and deleted between runs changes no Delta row; the run's version must still be committed.
    db.execute("INSERT INTO " + q(t) + " (id, nombre) VALUES (5000, 'fugaz')", "DELETE FROM " + q(t) + " WHERE id = 5000");
    QueryResult fourth = result(f.extract("Colombia"), t.table());
    assertEquals(0, fourth.rowsWritten());
    assertEquals(third.watermarkTo(), fourth.watermarkFrom());
    QueryResult fifth = result(f.extract("Colombia"), t.table());
    assertEquals(fourth.watermarkTo(), fifth.watermarkFrom(), "the version of a run that changed no row was recorded");
    assertEquals(0, fifth.rowsRead());
    assertSameRows(t, fifth.destination());
  }

  @Test
  void aKillAfterTheDeltaCommitLosesAndRepeatsNothing() {
    TableName t = seeded("kill", 100);
    ExtractFixture f = fixture(t, "");
    if (!enableChanges(t)) {
      refusedUntrackedAndSnapshotStillRuns(t, f);
      return;
    }
    QueryResult snapshot = result(f.extract("Colombia"), t.table());
    // As a table snapshotted before the bridge set deletion vectors: the run turns them on in a commit of its own,
    // which must not carry the version (a kill between it and the MERGE would otherwise skip the changes).
    spark.sql("ALTER TABLE delta.`" + snapshot.destination() + "` UNSET TBLPROPERTIES ('delta.enableDeletionVectors')");
    db.execute("UPDATE " + q(t) + " SET nombre = 'a' WHERE id <= 10", "DELETE FROM " + q(t) + " WHERE id BETWEEN 11 AND 15");
    insert(t.table(), 101, 105, "a");
    QueryResult merged = result(f.extract("Colombia"), t.table());
    assertEquals(snapshot.watermarkTo(), merged.watermarkFrom());
    assertEquals(20, merged.rowsRead());
    assertEquals("true", property(merged.destination(), "delta.enableDeletionVectors"));
    Row dvCommit = DeltaTable.forPath(spark, merged.destination()).history(2).select("operation", "userMetadata").collectAsList().get(1);
    assertEquals("SET TBLPROPERTIES", dvCommit.getString(0));
    assertTrue(dvCommit.isNullAt(1), "the deletion-vector commit carries no change version: " + dvCommit);
    java.util.Map<String, String> metrics = DeltaTable.forPath(spark, merged.destination()).history(1).select("operationMetrics").first()
        .getJavaMap(0);
    assertTrue(Long.parseLong(metrics.getOrDefault("numTargetDeletionVectorsAdded", "0")) > 0,
        "the MERGE marked its replaced rows with a deletion vector: " + metrics);
    // The process dies right after the Delta commit: no runs-table row, no summary. The version is in the commit.
    deleteTree(f.runs);
    db.execute("UPDATE " + q(t) + " SET nombre = 'b' WHERE id BETWEEN 5 AND 12", "DELETE FROM " + q(t) + " WHERE id IN (1, 101)");
    QueryResult after = result(f.extract("Colombia"), t.table());
    assertEquals(merged.watermarkTo(), after.watermarkFrom(), "the next run continues from the committed version, not the runs table");
    assertEquals(8, after.rowsRead(), "only the keys changed after the committed version: 1, 5-10 (11 and 12 are gone), 101");
    assertSameRows(t, after.destination());
    List<Row> bridgeCommits = DeltaTable.forPath(spark, after.destination()).history()
        .filter("userMetadata LIKE 'bridge-changes/1 %'").select("userMetadata").collectAsList();
    assertEquals(3, bridgeCommits.size(), "one commit per run, each carrying its version: " + bridgeCommits);
  }

  @Test
  void aStaleVersionFailsUntilOnStaleResnapshots() {
    TableName t = seeded("stale", 50);
    ExtractFixture f = fixture(t, "");
    if (!enableChanges(t)) {
      refusedUntrackedAndSnapshotStillRuns(t, f);
      return;
    }
    QueryResult snapshot = result(f.extract("Colombia"), t.table());
    db.execute("UPDATE " + q(t) + " SET nombre = 'x' WHERE id <= 3", "DELETE FROM " + q(t) + " WHERE id = 4");
    forgetChanges(t);
    db.execute("UPDATE " + q(t) + " SET nombre = 'y' WHERE id = 5");
    long commits = DeltaTable.forPath(spark, snapshot.destination()).history().count();

    ExtractFailedException e = assertThrows(ExtractFailedException.class, () -> f.extract("Colombia"));
    assertTrue(e.getMessage().contains("keeps changes only after version") && e.getMessage().contains("on-stale = resnapshot"),
        e.getMessage());
    assertEquals(commits, DeltaTable.forPath(spark, snapshot.destination()).history().count(), "nothing written");

    ExtractFixture again = f;
    Path out = Path.of(snapshot.destination());
    f.conf("common.conf", "extract.tables." + t.table() + " { table = \"" + t.schema() + "." + t.table()
        + "\", mode = changes, format = delta, on-stale = resnapshot }");
    QueryResult resnapshot = result(again.extract("Colombia"), t.table());
    assertNull(resnapshot.watermarkFrom(), "a new snapshot");
    assertEquals(49, resnapshot.rowsWritten());
    assertSameRows(t, resnapshot.destination());
    assertEquals("WRITE", DeltaTable.forPath(spark, out.toString()).history(1).select("operation").first().getString(0),
        "one overwrite commit");
    db.execute("DELETE FROM " + q(t) + " WHERE id = 50");
    QueryResult next = result(again.extract("Colombia"), t.table());
    assertEquals(1, next.rowsRead());
    assertSameRows(t, next.destination());
  }

  @Test
  void aTableThatIsNotReadyFailsBeforeAnyDataMovesNamingEachMissingPiece() {
    String table = TestDatabase.uniqueName("nokey");
    db.execute("CREATE TABLE " + db.qualified(table) + " (id bigint, nombre " + sourceSql().textType() + ")");
    TableName t = TableName.of(db.schema(), table);
    ExtractFixture f = fixture(t, "");
    ExtractFailedException e = assertThrows(ExtractFailedException.class, () -> f.extract("Colombia"));
    assertTrue(e.getMessage().contains("is not ready for mode = changes"), e.getMessage());
    assertTrue(e.getMessage().contains("has no primary key"), e.getMessage());
    assertTrue(e.getMessage().contains("change tracking is off for " + db.dialect().names().renderName(t) + ":") || e.getMessage().contains("has no change log"),
        "the table is not tracked: " + e.getMessage());
    assertTrue(e.getMessage().lines().filter(l -> l.strip().startsWith("- ")).count() >= 2, "one line per missing piece: " + e.getMessage());
    assertFalse(Files.exists(f.out.resolve("Colombia").resolve(table)), "no output");
  }

  /**
   * On a server without change tracking (Babelfish 4.2 has no CHANGETABLE and empty change-tracking views): the
   * run is refused before any data moves, naming what is missing, and writes nothing. The snapshot part, which
   * needs no change tracking, still runs there: the table read through the dialect's reader into one Delta
   * commit carrying a change version, with deletion vectors on, compared row for row and read back as recorded.
   */
  private void refusedUntrackedAndSnapshotStillRuns(TableName t, ExtractFixture f) {
    ExtractFailedException e = assertThrows(ExtractFailedException.class, () -> f.extract("Colombia"));
    assertTrue(e.getMessage().contains("is not ready for mode = changes")
        && e.getMessage().contains("change tracking is off for " + db.dialect().names().renderName(t) + ":"), e.getMessage());
    assertFalse(Files.exists(f.out.resolve("Colombia").resolve(t.table())), "no output");

    String deltaPath = f.out.resolve("snapshot-only").resolve(t.table()).toString();
    ChangeVersion version = new ChangeVersion(db.dialect().names().renderName(t), 42);
    ChangesMerge lake = new ChangesMerge(TableRef.of(deltaPath));
    JdbcReader.ObservedRead read = new JdbcReader(db.connection(), db.dialect()).read(ChangesMerge.committing(spark, version),
        "SELECT id, nombre, monto, \"id hogar\" FROM " + q(t), PartitionPlan.single("snapshot"), 10_000);
    long written = lake.snapshot(spark, read.rows(), version);
    assertEquals(read.rowsRead(), written, "rows written = rows read");
    assertSameRows(t, deltaPath);
    assertEquals("true", property(deltaPath, "delta.enableDeletionVectors"));
    assertEquals(Optional.of(version), lake.recorded(spark, version.source()).version(), "the snapshot's commit carries its version");
  }

  private String property(String deltaPath, String key) {
    return DeltaTable.forPath(spark, deltaPath).detail().select("properties").first().<String, String>getJavaMap(0).get(key);
  }

  /** The Delta table holds exactly the source table's rows (names, values, NULLs), compared by Spark. */
  private void assertSameRows(TableName t, String deltaPath) {
    Dataset<Row> source = plain(spark.read().jdbc(db.url(), "(SELECT id, nombre, monto, \"id hogar\" FROM " + q(t) + ") src",
        db.connection().driverProperties()));
    Dataset<Row> delta = plain(spark.read().format("delta").load(deltaPath).select("id", "nombre", "monto", "id hogar"));
    assertEquals(source.schema(), delta.schema());
    assertEquals(source.count(), delta.count(), "row count");
    assertTrue(source.exceptAll(delta).isEmpty(), "source rows missing from Delta");
    assertTrue(delta.exceptAll(source).isEmpty(), "Delta rows the source does not have");
  }

  /** Column metadata and nullability differ between a JDBC read and a merged table without meaning anything. */
  private static Dataset<Row> plain(Dataset<Row> df) {
    StructType s = new StructType();
    for (StructField f : df.schema().fields()) {
      s = s.add(f.name(), f.dataType(), true);
    }
    return df.sparkSession().createDataFrame(df.javaRDD(), s);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
