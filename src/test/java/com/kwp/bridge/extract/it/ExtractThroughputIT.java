package com.kwp.bridge.extract.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures (does not assert) a 1M-row local extract with 1 and with 4 partitions. Off by default; run with
 * {@code mvn -B -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ExtractThroughputIT -Dbridge.measure=true}.
 */
@EnabledIfSystemProperty(named = "bridge.measure", matches = "true")
class ExtractThroughputIT {

  @Test
  void millionRowsWithOneAndFourPartitions() {
    try (TestDatabase db = TestDatabases.postgres()) {
      ExtractFixture f = new ExtractFixture(db, SourceSql.postgres());
      f.createSales("big");
      f.insertSales("big", "CO", 1, 1_000_000);
      db.execute("ANALYZE big");
      f.conf("common.conf", "params { t = \"" + db.schema() + ".big\" }\n"
          + "extract.queries.big { partition-column = id_transaccion }\n");
      f.conf("Colombia.conf", "params {}");
      f.query("big", "SELECT * FROM {t}");
      f.extract("Colombia", "--conf", "extract.queries.big.num-partitions=2", "--overwrite"); // warm-up: JIT, Spark, page cache
      StringBuilder report = new StringBuilder("1M-row extract, PostgreSQL -> Parquet, local[2]:\n");
      for (int partitions : new int[] {1, 4, 1, 4}) {
        QueryResult r = ExtractFixture.result(
            f.extract("Colombia", "--conf", "extract.queries.big.num-partitions=" + partitions, "--overwrite"), "big");
        assertEquals(1_000_000, r.rowsWritten());
        report.append(String.format(Locale.ROOT, "  num-partitions=%d (%d Spark partitions): %.1f s, %,.0f rows/s%n",
            partitions, r.partitions(), r.seconds(), r.rowsPerSecond()));
      }
      // Baseline: Spark's plain JDBC -> Parquet with the same 4 ranges + NULLs, no probe, no counting
      String[] predicates = com.kwp.bridge.extract.PartitionPlanner.range(db.dialect().reads(), "id_transaccion",
          com.kwp.bridge.extract.ColumnKind.INTEGRAL, 1L, 1_000_000L, 4).predicates().toArray(new String[0]);
      for (int i = 0; i < 2; i++) {
        long t0 = System.nanoTime();
        org.apache.spark.sql.SparkSession spark = com.kwp.bridge.testing.TestSpark.session();
        spark.read().jdbc(db.url(), "big", predicates, db.connection().driverProperties())
            .write().mode("overwrite").parquet(f.root.resolve("plain").toString());
        double s = (System.nanoTime() - t0) / 1e9;
        report.append(String.format(Locale.ROOT, "  plain Spark JDBC, same 5 predicates: %.1f s, %,.0f rows/s%n", s, 1_000_000 / s));
      }
      System.out.println(report);
    }
  }
}
