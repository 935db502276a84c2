package com.kwp.bridge.client;

import com.kwp.bridge.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CurrentUserContext$;
import org.apache.spark.sql.types.StructField;

/**
 * Executes the statements the local workspace receives with the tests' local Spark, as a warehouse would: named
 * parameters bound by Spark's parameterized SQL ({@code spark.sql(sql, args)}), never spliced into the text, and
 * {@code current_user()} answering the identity the request was authenticated as (as Spark's Thrift server does).
 * An INSERT's Delta commit is stamped with that identity, as a warehouse's commit carries the caller's (SyncJob
 * authenticates events by it).
 */
final class SparkSqlExecutor implements LocalStatements.Executor {
  private static final java.util.regex.Pattern INSERT_INTO = java.util.regex.Pattern.compile("\\s*INSERT\\s+INTO\\s+([`\\w.]+)",
      java.util.regex.Pattern.CASE_INSENSITIVE);
  private final SparkSession spark = TestSpark.session();

  @Override
  public Result run(String sql, Map<String, Object> args, String identity) {
    var current = CurrentUserContext$.MODULE$.CURRENT_USER();
    String before = current.get();
    current.set(identity);
    try {
      Dataset<Row> df = spark.sql(sql, args);
      java.util.regex.Matcher insert = INSERT_INTO.matcher(sql);
      if (insert.lookingAt()) {
        String location = spark.sql("DESCRIBE DETAIL " + insert.group(1)).select("location").head().getString(0);
        com.kwp.bridge.testing.DeltaCommits.stampLatest(spark, java.net.URI.create(location).getPath(), identity);
      }
      List<org.apache.spark.sql.Column> columns = new ArrayList<>();
      List<Column> out = new ArrayList<>();
      for (StructField f : df.schema().fields()) {
        columns.add(df.col("`" + f.name() + "`").cast("string"));
        out.add(new Column(f.name(), typeName(f), f.dataType().sql()));
      }
      List<List<String>> rows = new ArrayList<>();
      if (!columns.isEmpty()) {
        for (Row r : df.select(columns.toArray(org.apache.spark.sql.Column[]::new)).collectAsList()) {
          List<String> row = new ArrayList<>();
          for (int i = 0; i < r.size(); i++) {
            row.add(r.isNullAt(i) ? null : r.getString(i));
          }
          rows.add(row);
        }
      }
      return new Result(out, rows);
    } catch (Exception e) {
      // Spark's AnalysisException is a checked exception thrown from Scala without a declaration.
      if (e instanceof SparkThrowable st) {
        throw new SqlError(e.getMessage(), st.getSqlState());
      }
      throw new IllegalStateException(e);
    } finally {
      current.set(before);
    }
  }

  /** The API's type_name for a Spark type (LONG for bigint, INT for int, as the reference lists them). */
  private static String typeName(StructField f) {
    String sql = f.dataType().sql().toUpperCase(Locale.ROOT);
    if (sql.startsWith("ARRAY")) {
      return "ARRAY";
    }
    if (sql.startsWith("MAP")) {
      return "MAP";
    }
    if (sql.startsWith("STRUCT")) {
      return "STRUCT";
    }
    return switch (sql) {
      case "BIGINT" -> "LONG";
      case "INT" -> "INT";
      case "SMALLINT" -> "SHORT";
      case "TINYINT" -> "BYTE";
      default -> sql.replaceAll("\\(.*", "");
    };
  }
}
