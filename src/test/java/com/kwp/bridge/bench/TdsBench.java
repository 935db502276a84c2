package com.kwp.bridge.bench;

import com.kwp.bridge.bench.Measurement.Role;
import com.kwp.bridge.bench.PhaseMeter.Timed;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The TDS rows of a run: the same extract and sync paths against the TDS endpoint, after the PostgreSQL rows,
 * in the same JVM and on the same generated data. Everything lives in a fresh schema {@code bench_<random>}
 * (the bridge's staging and ledger schemas too), dropped at the end, so nothing meets the test suites' names.
 */
final class TdsBench {
  static final String EXTRACT = "TDS extract lineitem";
  /** The comparison: the bridge with 4 partitions and with 1. */
  static final List<Integer> PARTITIONS = List.of(1, 4);

  /** What the TDS part produced; {@code server} is {@code @@VERSION}. */
  record Outcome(String server, List<Measurement> measurements, Map<String, SyncBench.Fingerprint> targets) {}

  private TdsBench() {}

  static Outcome run(TdsEndpoint endpoint, Set<String> parts, SparkSession spark, TestDatabase pg, Workload w, Path work) throws Exception {
    try (TestDatabase tds = endpoint.database()) {
      String staging = tds.schema() + "_staging";
      String ledger = tds.schema() + "_ledger";
      try {
        String server = TdsEndpoint.version(tds);
        BenchHarness.log("TDS endpoint: " + server);
        PhaseMeter meter = new PhaseMeter(TdsEndpoint.cpu(tds));
        TdsWorkload t = TdsWorkload.prepare(pg, tds, w, work);
        BenchHarness.log("TDS: loaded " + tds.qualified(t.table()) + " (" + t.rows() + " rows)");
        List<Measurement> out = new ArrayList<>();
        if (parts.contains("extract")) {
          List<Measurement> drains = new ArrayList<>();
          for (String settings : TdsEndpoint.FETCH_CANDIDATES) {
            drains.add(drainLimit(TestDatabases.sameSchema(tds, endpoint.connection(settings)), meter, t, settings));
          }
          SyncBench.Limit limit = SyncBench.fastest(SyncBench.LIMIT, drains);
          out.addAll(limit.rows());
          // the settings of the drain SyncBench.fastest named the limit (the highest rate)
          String chosen = TdsEndpoint.FETCH_CANDIDATES.get(java.util.stream.IntStream.range(0, drains.size()).boxed()
              .max(java.util.Comparator.comparingDouble(i -> drains.get(i).rowsPerSecond())).orElseThrow());
          BenchHarness.log("TDS extract: fetch settings " + chosen + " (the fastest drain)");
          TestDatabase fast = TestDatabases.sameSchema(tds, endpoint.connection(chosen));
          out.addAll(new ExtractBench(spark, fast, meter, work, new ProductExtract(spark, work), EXTRACT, t.table())
              .compare(limit.best(), PARTITIONS, false));
          BenchHarness.log("TDS extract done");
        }
        Map<String, SyncBench.Fingerprint> targets = Map.of();
        if (parts.contains("sync")) {
          ProductSync bridge = new ProductSync(work.resolve("bridge-sync-tds"),
              "staging-schema = \"" + staging + "\", ledger-schema = \"" + ledger + "\"");
          TdsSyncBench.Outcome s = new TdsSyncBench(spark, tds, meter, bridge).run(w, t);
          out.addAll(s.measurements());
          targets = s.targets();
          BenchHarness.log("TDS sync done");
        }
        return new Outcome(server, out, targets);
      } finally {
        for (String schema : List.of(staging, ledger)) {
          tds.execute("IF SCHEMA_ID('" + schema + "') IS NOT NULL BEGIN " + TestDatabases.dropSchemaSql(schema) + " END");
        }
      }
    }
  }

  /**
   * A form of the extract's limit: {@code SELECT *} on one connection with {@code settings}, fetch size 10,000
   * (the bridge's), every value read by the driver ({@code getObject}) and dropped, as fast as the server sends
   * it. The least any reader does, without Spark or a file. Drained twice, the faster counts: one drain moves
   * by 10-20% between runs here, more than some settings differ.
   */
  private static Measurement drainLimit(TestDatabase tds, PhaseMeter meter, TdsWorkload t, String settings) throws Exception {
    String sql = "SELECT * FROM " + tds.qualified(t.table());
    Timed<Long> best = null;
    for (int i = 0; i < 2; i++) {
      Timed<Long> d = meter.measure(() -> {
        try (Connection c = tds.open(); Statement st = c.createStatement()) {
          st.setFetchSize(10_000);
          try (ResultSet rs = st.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            long n = 0;
            while (rs.next()) {
              for (int k = 1; k <= cols; k++) {
                rs.getObject(k);
              }
              n++;
            }
            return n;
          }
        }
      });
      best = best == null || d.usage().wallSeconds() < best.usage().wallSeconds() ? d : best;
    }
    return Measurement.of(EXTRACT, sql + " read by mssql-jdbc (getObject per value), one connection, drained, " + settings.substring(1),
        Role.LIMIT, best.value(), best.usage());
  }
}
