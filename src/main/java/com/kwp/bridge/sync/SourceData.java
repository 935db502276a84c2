package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;

import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.jdbc.ColumnInfo;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.security.FilterPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The rows an event sends: the source Delta table, filtered by the event's {@code source_filter} (applied
 * by Spark on the source only; never sent to the target), checked against the target's columns. Key checks
 * run on the staging table in the target (see EventApplier), so the source is read once, by the load.
 *
 * @param rows    source rows with columns renamed to the target's spelling, in {@code columns} order
 * @param columns target column names written, in order
 * @param keys    key columns in the target's spelling
 * @param version the source's Delta version every action on {@code rows} reads (see {@link SourceSnapshot})
 */
public record SourceData(Dataset<Row> rows, List<String> columns, List<String> keys, long version) {

  /** Reads and checks; every failure is a permanent {@link ValidationException} naming the problem. */
  public static SourceData read(SparkSession spark, ValidEvent e, List<ColumnInfo> target) {
    SourceSnapshot snapshot = snapshot(spark, e);
    Dataset<Row> df = load(spark, e, snapshot);
    Map<String, String> targetNames = new LinkedHashMap<>();
    target.forEach(c -> targetNames.put(c.name().toLowerCase(Locale.ROOT), c.name()));
    List<String> columns = new ArrayList<>();
    List<Column> select = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String sourceCol : df.columns()) {
      String t = targetNames.get(sourceCol.toLowerCase(Locale.ROOT));
      if (t == null) {
        unknown.add(sourceCol);
      } else {
        columns.add(t);
        select.add(col("`" + sourceCol.replace("`", "``") + "`").as(t));
      }
    }
    ValidationException.check(unknown.isEmpty(), "event %s: source %s has column(s) %s that target %s does not have (target columns: %s)",
        e.id(), e.raw().sourceTable(), unknown, e.target(), targetNames.values());
    List<String> keys = new ArrayList<>();
    for (String k : e.keys()) {
      String t = targetNames.get(k.toLowerCase(Locale.ROOT));
      ValidationException.check(t != null, "event %s: key column '%s' is not a column of target %s", e.id(), k, e.target());
      ValidationException.check(columns.contains(t), "event %s: key column '%s' is not in source %s", e.id(), k, e.raw().sourceTable());
      keys.add(t);
    }
    if (e.operation() == Operation.UPDATE) {
      ValidationException.check(columns.size() > keys.size(), "event %s: UPDATE needs at least one non-key column in the source", e.id());
    }
    if (e.operation() == Operation.DELETE) {
      // only the keys decide which rows go: the other columns are neither read from the files nor staged
      List<Column> keyColumns = keys.stream().map(k -> select.get(columns.indexOf(k))).toList();
      return new SourceData(df.select(keyColumns.toArray(new Column[0])), List.copyOf(keys), List.copyOf(keys), snapshot.version());
    }
    return new SourceData(df.select(select.toArray(new Column[0])), List.copyOf(columns), List.copyOf(keys), snapshot.version());
  }

  private static SourceSnapshot snapshot(SparkSession spark, ValidEvent e) {
    try {
      return SourceSnapshot.latest(spark, TableRef.of(e.raw().sourceTable()));
    } catch (Exception ex) {
      throw new ValidationException("event " + e.id() + ": source table " + e.raw().sourceTable()
          + " is not a readable Delta table: " + firstLine(ex));
    }
  }

  private static Dataset<Row> load(SparkSession spark, ValidEvent e, SourceSnapshot snapshot) {
    Dataset<Row> df;
    try {
      df = snapshot.read(spark);
    } catch (Exception ex) {
      throw new ValidationException("event " + e.id() + ": source table " + e.raw().sourceTable() + " cannot be read: " + firstLine(ex));
    }
    String filter = e.raw().sourceFilter();
    if (filter != null && !filter.isBlank()) {
      // Checked again here, against the source's columns; the checked tree itself is applied (never the text).
      org.apache.spark.sql.catalyst.expressions.Expression checked;
      try {
        checked = FilterPolicy.check(filter, java.util.Arrays.asList(df.columns()));
      } catch (ValidationException ex) {
        throw new ValidationException("event " + e.id() + ": " + ex.getMessage());
      }
      try {
        df = df.filter(new Column(checked));
        df.schema(); // analyse now so a bad filter fails here with its message
      } catch (Exception ex) {
        throw new ValidationException("event " + e.id() + ": source_filter '" + filter + "' is not a valid predicate on "
            + e.raw().sourceTable() + ": " + firstLine(ex));
      }
    }
    return df;
  }

  static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String firstLine(Exception ex) {
    String m = ex instanceof AnalysisException a ? a.getSimpleMessage() : String.valueOf(ex.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
