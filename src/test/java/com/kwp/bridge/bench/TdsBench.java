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
          Measurement limit = drainLimit(tds, meter, t);
          out.add(limit);
          out.addAll(new ExtractBench(spark, tds, meter, work, new ProductExtract(spark, work), EXTRACT, t.table()).compare(limit, PARTITIONS, false));
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
   * The extract's limit: {@code SELECT *} on one connection, every value read by the driver ({@code getObject})
   * and dropped, as fast as the server sends it. The least any reader does, without Spark or a file.
   */
  private static Measurement drainLimit(TestDatabase tds, PhaseMeter meter, TdsWorkload t) throws Exception {
    String sql = "SELECT * FROM " + tds.qualified(t.table());
    Timed<Long> d = meter.measure(() -> {
      try (Connection c = tds.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        int cols = rs.getMetaData().getColumnCount();
        long n = 0;
        while (rs.next()) {
          for (int i = 1; i <= cols; i++) {
            rs.getObject(i);
          }
          n++;
        }
        return n;
      }
    });
    return Measurement.of(EXTRACT, "limit: " + sql + " read by mssql-jdbc (getObject per value), one connection, drained",
        Role.LIMIT, d.value(), d.usage());
  }
}
