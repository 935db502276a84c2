package com.kwp.bridge.extract.it;

import com.kwp.bridge.cli.ExtractArgs;
import com.kwp.bridge.cli.ExtractJob;
import com.kwp.bridge.extract.QueryResult;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One scenario's sources, conf/ and queries/ folders, and how it runs ExtractJob's code path. */
final class ExtractFixture {
  final TestDatabase db;
  final SourceSql sql;
  final Path root = TestSpark.tempDir("extract-it");
  final Path conf = root.resolve("conf");
  final Path queries = root.resolve("queries");
  /** Outputs go to out/<Country>/<query>. */
  final Path out = root.resolve("out");
  final Path runs = root.resolve("runs");
  String lastSummary = "";

  ExtractFixture(TestDatabase db, SourceSql sql) {
    this.db = db;
    this.sql = sql;
    try {
      Files.createDirectories(conf);
      Files.createDirectories(queries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sales table shape of the seed: a column with a space, one with an accent, NULLs, decimals, dates, timestamps. */
  void createSales(String table) {
    db.execute("CREATE TABLE " + db.qualified(table) + " (id_transaccion bigint PRIMARY KEY, \"id hogar\" integer, pais char(2) NOT NULL,"
        + " fecha date NOT NULL, fecha_hora " + sql.timestampType() + ", factor_rw1 numeric(12,6), monto_total numeric(18,2),"
        + " \"año\" integer, nota " + sql.textType() + ")");
  }

  /** Rows [from, to] for a country; every 10th household, 7th factor and 5th note NULL. */
  void insertSales(String table, String country, long from, long to) {
    db.execute("INSERT INTO " + db.qualified(table) + " SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE g % 5000 + 1 END, '" + country + "', "
        + sql.addDays("CAST('2024-01-01' AS DATE)", "g % 365") + ", "
        + sql.addMinutes("CAST('2024-01-01 08:00:00' AS " + sql.timestampType() + ")", "g") + ", "
        + "CASE WHEN g % 7 = 0 THEN NULL ELSE CAST((g % 997) / 500.0 AS numeric(12,6)) END, CAST((g * 1337 % 10000000) / 100.0 AS numeric(18,2)), "
        + "2024, CASE WHEN g % 5 = 0 THEN NULL ELSE CONCAT('nota ñ ', g) END FROM " + sql.series(from, to));
  }

  void query(String name, String text) {
    write(queries.resolve(name + ".sql"), text);
  }

  void delete(String query) {
    try {
      Files.deleteIfExists(queries.resolve(query + ".sql"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void conf(String file, String text) {
    write(conf.resolve(file), text);
  }

  /** Runs ExtractJob's code path in the shared test session; extra arguments are appended. */
  List<QueryResult> extract(String country, String... extra) {
    return extractTo(out.resolve(country).toString(), country, extra);
  }

  /** Runs ExtractJob's code path to an explicit destination (a folder or a schema name). */
  List<QueryResult> extractTo(String destination, String country, String... extra) {
    List<String> args = new ArrayList<>(List.of("--queries-path", queries.toString(), "--config-path", conf.toString(),
        "--country", country, "--destination", destination, "--conf", "extract.runs-table=" + runs));
    args.addAll(List.of(extra));
    Map<String, String> env = new HashMap<>();
    env.put("SOURCE_JDBC_URL", db.url());
    env.put("SOURCE_JDBC_USER", db.connection().user() == null ? "" : db.connection().user());
    env.put("SOURCE_JDBC_PASSWORD", db.connection().password().reveal());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      return ExtractJob.run(TestSpark.session(), ExtractArgs.parse(args.toArray(new String[0])).orElseThrow(), env, ps);
    } finally {
      lastSummary = buffer.toString(StandardCharsets.UTF_8);
      System.out.println(lastSummary);
    }
  }

  static QueryResult result(List<QueryResult> results, String query) {
    return results.stream().filter(r -> r.query().equals(query)).findFirst().orElseThrow();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
