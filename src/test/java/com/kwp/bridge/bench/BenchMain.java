package com.kwp.bridge.bench;

import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.testing.TestSpark;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the whole benchmark in this process and writes {@code results.json}, {@code results.txt} and
 * {@code results.png}. Usage: {@code bench/run.sh --scale 0.1} (see bench/README.md).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Optional<BenchOptions> parsed = BenchOptions.parse(args);
    if (parsed.isEmpty()) {
      return;
    }
    BenchOptions options = parsed.get();
    SparkSession spark = TestSpark.session();
    try {
      BenchResults r = BenchHarness.run(options, spark);
      System.out.println();
      System.out.print(ResultsTable.render(r));
      ResultsFiles.write(r, options.out());
      BenchHarness.log("wrote " + options.out().toAbsolutePath());
    } finally {
      SparkSessions.releaseIfLocal(spark);
    }
  }
}
