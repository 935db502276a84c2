package com.kwp.bridge.bench;

import com.kwp.bridge.cli.ExtractArgs;
import com.kwp.bridge.cli.ExtractJob;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.lake.ExtractRunsTable;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.testing.TestDatabase;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The bridge's extract path driven through its public entry point, as a user would run it: a queries
 * folder with {@code <table>.sql}, a conf folder, and {@code ExtractJob} arguments with
 * {@code --conf source.url=...} pointing at the benchmark database (PostgreSQL or the TDS endpoint).
 */
final class ProductExtract implements BridgeExtract {
  static final String COUNTRY = "Bench";
  private final Path runsTable;

  /**
   * Every extract of the run appends to one runs table, created here, untimed: a scheduled job's runs table
   * exists after its first night, and creating it inside each timed row cost 0.6-0.8 s (profiled).
   */
  ProductExtract(SparkSession spark, Path work) {
    this.runsTable = work.resolve("bench_extract_runs");
    new ExtractRunsTable(TableRef.of(runsTable.toString())).ensure(spark);
  }

  @Override
  public Optional<String> unavailableReason() {
    return Optional.empty();
  }

  @Override
  public long extract(SparkSession spark, TestDatabase db, String table, String format, int partitions, Path destination) throws Exception {
    String q = "extract.queries." + table + ".";
    return run(spark, db, table, format, destination, true, "", true,
        List.of("--conf", q + "partition-column=l_orderkey", "--conf", q + "num-partitions=" + partitions)).rowsWritten();
  }

  /** {@code --table <table>}, no template and no partition options: automatic partitioning. */
  @Override
  public Automatic extractAutomatic(SparkSession spark, TestDatabase db, String table, String format, Path destination) throws Exception {
    QueryResult r = run(spark, db, table, format, destination, false, "", true, List.of("--table", table));
    return new Automatic(r.rowsWritten(), r.partitions());
  }

  /** {@code common.conf} holds the table's block; no {@code --overwrite}, so the block's mode decides. */
  @Override
  public QueryResult extractConfigured(SparkSession spark, TestDatabase db, String name, String spec, Path destination) throws Exception {
    return run(spark, db, name, "delta", destination, false, "extract.tables." + name + " { " + spec + " }\n", false, List.of());
  }

  private QueryResult run(SparkSession spark, TestDatabase db, String table, String format, Path destination, boolean template,
      String commonConf, boolean overwrite, List<String> extra) throws Exception {
    Path setup = Files.createDirectories(destination.resolveSibling(destination.getFileName() + "-setup"));
    Path queries = Files.createDirectories(setup.resolve("queries"));
    Path conf = Files.createDirectories(setup.resolve("conf"));
    if (template) {
      Files.writeString(queries.resolve(table + ".sql"), "SELECT * FROM " + db.qualified(table) + "\n");
    }
    Files.writeString(conf.resolve("common.conf"), commonConf);
    Files.writeString(conf.resolve(COUNTRY + ".conf"), "");
    List<String> args = new ArrayList<>(List.of(
        "--queries-path", queries.toString(), "--config-path", conf.toString(), "--country", COUNTRY,
        "--destination", destination.toString(), "--format", format,
        "--conf", "source.url=" + db.url(), "--conf", "source.username=" + db.connection().user(),
        "--conf", "extract.runs-table=" + runsTable));
    if (overwrite) {
      args.add("--overwrite");
    }
    if (!db.connection().password().isEmpty()) {
      args.addAll(List.of("--conf", "source.password=" + db.connection().password().reveal()));
    }
    args.addAll(extra);
    ExtractArgs parsed = ExtractArgs.parse(args.toArray(String[]::new)).orElseThrow();
    List<QueryResult> results = ExtractJob.run(spark, parsed, Map.of(), new PrintStream(java.io.OutputStream.nullOutputStream()));
    Files2.deleteTree(setup);
    QueryResult r = results.get(0);
    if (r.failed()) {
      throw new IllegalStateException("ExtractJob failed on " + table + ": " + r.error());
    }
    return r;
  }
}
