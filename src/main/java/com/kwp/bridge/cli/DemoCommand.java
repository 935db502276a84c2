package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.demo.DemoDatabase;
import com.kwp.bridge.spark.SparkSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bridge demo}: a real ExtractJob run on this machine with nothing installed by hand. Starts an
 * embedded PostgreSQL seeded like the SQL Server sources of two countries, runs the same code path as a
 * Databricks job for Colombia and Mexico into a local folder, prints the summaries, stops the database.
 */
public final class DemoCommand extends OptionsCommand {
  static final List<Opt> OPTIONS = List.of(
      Opt.optional("config-path", "dir", "config folder (default conf)"),
      Opt.optional("queries-path", "dir", "queries folder (default queries)"),
      Opt.optional("destination", "dir", "output folder (default ./demo-output)"),
      Opt.optional("rows", "n", "sales rows per country (default 100000)"),
      Opt.optional("format", "parquet|delta", "output format (default from config: parquet)"));

  /** The sample countries and how their SQL Server databases are named in conf/. */
  private static final List<String[]> COUNTRIES = List.of(
      new String[] {"Colombia", "KWP_Colombia", "J_Ventas_CO", "CO"},
      new String[] {"Mexico", "KWP_Mexico", "J_Ventas_MX", "MX"});

  DemoCommand() {
    super("demo", "local demo: embedded PostgreSQL with sample sales for Colombia and Mexico -> ExtractJob -> ./demo-output", OPTIONS);
  }

  @Override
  void run(Parsed p) {
    String dest = p.get("destination").orElse("./demo-output");
    int rows;
    try {
      rows = Integer.parseInt(p.get("rows").orElse("100000").trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--rows must be a whole number, got '" + p.get("rows").orElse("") + "'");
    }
    System.out.println("Starting an embedded PostgreSQL and seeding " + rows + " sales rows per country...");
    try (DemoDatabase db = DemoDatabase.start()) {
      SparkSession spark = SparkSessions.obtain("bridge demo");
      try {
        for (String[] c : COUNTRIES) {
          ConnectionConfig source = db.seed(c[1], c[2], c[3], rows);
          List<String> extractArgs = new ArrayList<>(List.of(
              "--queries-path", p.get("queries-path").orElse("queries"),
              "--config-path", p.get("config-path").orElse("conf"),
              "--country", c[0],
              "--destination", dest + "/" + c[0],
              "--overwrite",
              "--conf", "source.url=" + source.url(),
              "--conf", "source.username=postgres",
              "--conf", "extract.runs-table=" + dest + "/_bridge_extract_runs"));
          p.get("format").ifPresent(f -> extractArgs.addAll(List.of("--format", f)));
          ExtractJob.run(spark, ExtractArgs.parse(extractArgs.toArray(new String[0])).orElseThrow(), Map.of(), System.out);
        }
        System.out.println();
        System.out.println("Done. Outputs under " + dest + "/<Country>/<query>/, run records in " + dest + "/_bridge_extract_runs (Delta).");
      } finally {
        SparkSessions.releaseIfLocal(spark);
      }
    }
  }
}
