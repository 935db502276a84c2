package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;

import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.jdbc.ColumnInfo;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.security.FilterPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * @param ignoredColumns source columns left out on purpose ({@code options.on_extra_columns = ignore})
 */
public record SourceData(Dataset<Row> rows, List<String> columns, List<String> keys, long version, List<String> ignoredColumns) {

  /**
   * Reads and checks; every failure is a permanent {@link ValidationException} naming the problem, and a
   * source whose columns drifted from the target's is refused with every mismatch listed, before anything
   * is loaded (see {@link SchemaDrift}).
   */
  public static SourceData read(SparkSession spark, ValidEvent e, List<TargetColumn> target, boolean caseSensitive) {
    SourceSnapshot snapshot = snapshot(spark, e);
    Dataset<Row> df = load(spark, e, snapshot);
    List<String> targetNames = target.stream().map(TargetColumn::name).toList();
    List<String> keys = new ArrayList<>();
    for (String k : e.keys()) {
      String t = matching(targetNames, k);
      ValidationException.check(t != null, "event %s: key column '%s' is not a column of target %s", e.id(), k, e.target());
      ValidationException.check(matching(java.util.Arrays.asList(df.columns()), k) != null, "event %s: key column '%s' is not in source %s",
          e.id(), k, e.raw().sourceTable());
      keys.add(t);
    }
    Operation op = e.operation();
    boolean insertsRows = op == Operation.INSERT || op == Operation.UPSERT || op == Operation.REPLACE;
    SchemaDrift.Match m = SchemaDrift.compare(df.schema(), target, caseSensitive, e.options().ignoreExtraColumns(), insertsRows,
        op == Operation.DELETE ? e.keys() : null);
    ValidationException.check(m.mismatches().isEmpty(), "event %s: source %s does not fit target %s: %s (target columns: %s)",
        e.id(), e.raw().sourceTable(), e.target(), m.mismatches().stream().map(SchemaDrift.Mismatch::toString)
            .collect(java.util.stream.Collectors.joining("; ")), targetNames);
    List<Column> select = new ArrayList<>();
    for (int i = 0; i < m.sourceNames().size(); i++) {
      select.add(col(quoted(m.sourceNames().get(i))).as(m.targetNames().get(i)));
    }
    List<String> columns = m.targetNames();
    if (op == Operation.UPDATE) {
      ValidationException.check(columns.size() > keys.size(), "event %s: UPDATE needs at least one non-key column in the source", e.id());
    }
    // a DELETE stages only its keys: the other columns are neither read from the files nor staged
    return new SourceData(df.select(select.toArray(new Column[0])), List.copyOf(columns), List.copyOf(keys), snapshot.version(), m.ignored());
  }

  /** The name in {@code names} that {@code wanted} means: exactly, else ignoring case. */
  private static String matching(List<String> names, String wanted) {
    return names.stream().filter(n -> n.equals(wanted)).findFirst()
        .orElse(names.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))).findFirst().orElse(null));
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
