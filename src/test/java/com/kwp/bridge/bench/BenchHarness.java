package com.kwp.bridge.bench;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * One benchmark run, every path in the same process against the same fresh database, so the ratios are
 * measured side by side: load TPC-H, extract, sync, collect. Used by {@link BenchMain} and by the
 * tiny-scale integration test.
 */
final class BenchHarness {
  static final String PROFILE_NOTE = "Each phase records wall time, this JVM's CPU time (driver, local[2] executors, GC; "
      + "OperatingSystemMXBean.getProcessCpuTime) and the PostgreSQL server's CPU time (postmaster, reaped and live "
      + "backends, from /proc) and the rest of the machine (/proc/stat). 'JVM/DB/other cores' are those CPU times divided "
      + "by wall time; 'bound' reads them: cpu(x) = together > 85% of the machine's cores (x the largest), db / jvm = that side keeps about one "
      + "core busy (a single backend or reader thread), wait = neither (I/O, commits, scheduling). 'heap after GC' is "
      + "the largest heap retained after any collection during the phase (GC notifications): rows piling up in the "
      + "driver would show there. In local mode executors share the driver's JVM, so this is an upper bound for the driver.";

  private BenchHarness() {}

  /** A run of the product's own paths ({@link ProductExtract}, {@link ProductSync}). */
  static BenchResults run(BenchOptions options, SparkSession spark) throws Exception {
    Path work = Files.createTempDirectory("bridge-bench");
    try {
      return run(options, spark, work, new ProductExtract(spark, work), new ProductSync(work.resolve("bridge-sync")));
    } finally {
      Files2.deleteTree(work);
    }
  }

  static BenchResults run(BenchOptions options, SparkSession spark, Path work, BridgeExtract extract, BridgeSync sync) throws Exception {
    try (TestDatabase db = TestDatabases.postgres()) {
      PhaseMeter meter = new PhaseMeter(PostgresCpu.forDataDirectory(single(db, "SHOW data_directory")));
      long t0 = System.nanoTime();
      Workload w = Workload.prepare(spark, db, options.scale(), work);
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      log("loaded TPC-H SF " + options.scale() + ": lineitem " + w.lineitemRows() + " rows in " + Math.round(loadSeconds) + " s (incl. Delta sources)");

      List<Measurement> all = new ArrayList<>();
      if (options.parts().contains("extract")) {
        all.addAll(new ExtractBench(spark, db, meter, work, extract).run(options.partitions()));
        log("extract done");
      }
      if (options.parts().contains("changes")) {
        all.addAll(new ChangesBench(spark, db, meter, work, extract).run());
        log("changes done");
      }
      SyncBench.Outcome s = options.parts().contains("sync") ? new SyncBench(spark, db, meter, sync).run(w, options.latencyEvents())
          : new SyncBench.Outcome(List.of(), java.util.Map.of(), List.of(), "not measured: --only " + String.join(",", new java.util.TreeSet<>(options.parts())));
      all.addAll(s.measurements());
      log("sync done");
      java.util.Map<String, SyncBench.Fingerprint> targets = new java.util.LinkedHashMap<>(s.targets());
      String tdsServer = "";
      if (options.tds().isPresent()) {
        TdsBench.Outcome tds = TdsBench.run(options.tds().get(), options.parts(), spark, db, w, work);
        all.addAll(tds.measurements());
        targets.putAll(tds.targets());
        tdsServer = tds.server();
      }
      Machine machine = Machine.describe(spark.version(), single(db, "SELECT version()").replaceFirst(" on .*", ""));
      String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
      return new BenchResults(date, options.scale(), machine, w.lineitemRows(), w.orderRows(), loadSeconds, all,
          targets, s.latencySeconds(), s.latencyNote(), PROFILE_NOTE, tdsServer);
    }
  }

  private static String single(TestDatabase db, String sql) {
    return db.query(sql, rs -> {
      try {
        return rs.getString(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get(0);
  }

  static void log(String line) {
    System.out.println("[bench] " + line);
  }
}
