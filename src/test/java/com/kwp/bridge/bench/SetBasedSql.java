package com.kwp.bridge.bench;

import com.kwp.bridge.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The database's own best for a keyed change through a staging table, used as the limits (PostgreSQL spelling;
 * harness only): the rows are loaded into a staging table by binary COPY from files the server dumped (no
 * client-side conversion), then one set-based statement applies them to the target, and the target changes
 * all or nothing. The statements are the ones the bridge's PostgreSQL dialect runs: {@code INSERT ... SELECT},
 * {@code INSERT ... SELECT ... ON CONFLICT (keys) DO UPDATE SET ...} (the target has a unique index on the
 * keys), {@code DELETE ... USING}; the DELETE's staged keys are analyzed first, as the bridge does, the
 * UPSERT's and INSERT's are not (the bridge analyzes neither: a single pass over the staged rows has no join to
 * plan). Two ways to stage, each measured: {@link Staging}.
 */
final class SetBasedSql {
  /** How the staging table is loaded. */
  enum Staging {
    /** A temporary table ({@code ON COMMIT DROP}), one binary COPY of the whole file, and the statement, in one transaction on one connection. */
    ONE_CONNECTION("one connection: TEMP staging, 1 COPY, one transaction"),
    /**
     * The bridge's shape and parallelism: an {@code UNLOGGED} staging table loaded by two connections at once
     * (one binary COPY each of the two key-range halves, each committing its own part, as the bridge's two
     * Spark tasks do), then the statement and the staging table's {@code DROP} in one transaction.
     */
    TWO_CONNECTIONS("two connections: UNLOGGED staging, 2 parallel COPYs, then one transaction");

    final String label;

    Staging(String label) {
      this.label = label;
    }
  }

  private static final String TEMP_STAGE = "bench_stage";
  private static final String SHARED_STAGE = "bench_stage_shared";

  private final List<String> columns;
  private final List<String> keys;

  SetBasedSql(List<String> columns, List<String> keys) {
    this.columns = columns;
    this.keys = keys;
  }

  private String keyMatch(String a, String b) {
    return keys.stream().map(k -> a + "." + k + " = " + b + "." + k).collect(Collectors.joining(" AND "));
  }

  /** The bridge's PostgreSQL UPSERT by the target's unique key (PostgresDialect.upsertFromStaging). */
  String upsertSql(String target, String stage) {
    String cols = String.join(", ", columns);
    String set = columns.stream().filter(col -> !keys.contains(col)).map(col -> col + " = EXCLUDED." + col).collect(Collectors.joining(", "));
    return "INSERT INTO " + target + " (" + cols + ") SELECT " + cols + " FROM " + stage + " ON CONFLICT (" + String.join(", ", keys)
        + ") DO UPDATE SET " + set;
  }

  /** The bridge's PostgreSQL DELETE by join (PostgresDialect.deleteFromStaging). */
  String deleteSql(String target, String stage) {
    return "DELETE FROM " + target + " AS t USING " + stage + " AS s WHERE " + keyMatch("t", "s");
  }

  static String insertSql(String target, String stage) {
    return "INSERT INTO " + target + " SELECT * FROM " + stage;
  }

  /** Inserts every row of {@code files}; returns the rows inserted. */
  long insert(TestDatabase db, String target, Workload.CopyFiles files, Staging staging) throws Exception {
    return staged(db, "*", target, files, staging, false, stage -> List.of(insertSql(target, stage)));
  }

  /** Updates the rows of {@code files} whose keys exist and inserts the rest; returns the rows affected. */
  long upsert(TestDatabase db, String target, Workload.CopyFiles files, Staging staging) throws Exception {
    return staged(db, "*", target, files, staging, false, stage -> List.of(upsertSql(target, stage)));
  }

  /** Deletes the keys in {@code files}; returns the rows deleted. */
  long delete(TestDatabase db, String target, Workload.CopyFiles files, Staging staging) throws Exception {
    return staged(db, String.join(", ", keys), target, files, staging, true, stage -> List.of(deleteSql(target, stage)));
  }

  /** How REPLACE empties the target inside its transaction: both are measured, the faster is the limit. */
  enum Emptying {
    /** What the bridge runs (keeps foreign keys and triggers; needs only DELETE permission). */
    DELETE("DELETE FROM "),
    /** PostgreSQL's TRUNCATE is transactional: readers wait on its lock, then see the new rows, never an empty table. */
    TRUNCATE("TRUNCATE ");

    final String sql;

    Emptying(String sql) {
      this.sql = sql;
    }
  }

  /** Replaces every row of {@code target} by the rows of {@code files}, atomically; returns the rows written. */
  long replace(TestDatabase db, String target, Workload.CopyFiles files, Staging staging, Emptying emptying) throws Exception {
    return staged(db, "*", target, files, staging, false, stage -> List.of(emptying.sql + target, insertSql(target, stage)));
  }

  /** The statements applied from the staging table, in order, in one transaction; the last one's count is returned. */
  private interface Apply {
    List<String> sql(String stage);
  }

  /**
   * The staging table has the target's own column types ({@code CREATE ... AS SELECT cols FROM target WITH NO
   * DATA}, no constraints), which binary COPY needs: the files were dumped from columns of those types.
   */
  private static long staged(TestDatabase db, String stageColumns, String target, Workload.CopyFiles files, Staging staging,
      boolean analyze, Apply apply) throws Exception {
    return staging == Staging.ONE_CONNECTION
        ? oneConnection(db, stageColumns, target, files.whole(), analyze, apply)
        : twoConnections(db, stageColumns, target, files.halves(), analyze, apply);
  }

  private static long oneConnection(TestDatabase db, String stageColumns, String target, Path file, boolean analyze, Apply apply)
      throws Exception {
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TEMP TABLE " + TEMP_STAGE + " ON COMMIT DROP AS SELECT " + stageColumns + " FROM " + target + " WITH NO DATA");
        PgCopy.load(c, TEMP_STAGE, PgCopy.Format.BINARY, file);
        if (analyze) {
          st.execute("ANALYZE " + TEMP_STAGE);
        }
        long n = run(st, apply.sql(TEMP_STAGE));
        c.commit();
        return n;
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static long twoConnections(TestDatabase db, String stageColumns, String target, List<Path> halves, boolean analyze, Apply apply)
      throws Exception {
    try (Connection c = db.open(); Statement st = c.createStatement()) {
      st.execute("CREATE UNLOGGED TABLE " + SHARED_STAGE + " AS SELECT " + stageColumns + " FROM " + target + " WITH NO DATA");
      try {
        ExecutorService loaders = Executors.newFixedThreadPool(halves.size());
        try {
          List<Future<Long>> parts = new ArrayList<>();
          for (Path half : halves) {
            parts.add(loaders.submit(() -> {
              try (Connection l = db.open()) {
                return PgCopy.load(l, SHARED_STAGE, PgCopy.Format.BINARY, half);
              }
            }));
          }
          for (Future<Long> part : parts) {
            part.get();
          }
        } finally {
          loaders.shutdownNow();
        }
        c.setAutoCommit(false);
        if (analyze) {
          st.execute("ANALYZE " + SHARED_STAGE);
        }
        long n = run(st, apply.sql(SHARED_STAGE));
        st.execute("DROP TABLE " + SHARED_STAGE);
        c.commit();
        return n;
      } catch (Exception e) {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
        st.execute("DROP TABLE IF EXISTS " + SHARED_STAGE);
        throw e;
      }
    }
  }

  private static long run(Statement st, List<String> statements) throws java.sql.SQLException {
    long n = 0;
    for (String sql : statements) {
      n = st.executeLargeUpdate(sql);
    }
    return n;
  }
}
