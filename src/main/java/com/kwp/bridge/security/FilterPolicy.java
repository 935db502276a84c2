package com.kwp.bridge.security;

import com.kwp.bridge.error.ValidationException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Add;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Divide;
import org.apache.spark.sql.catalyst.expressions.EqualNullSafe;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Exists;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.GreaterThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.ILike;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.InSubquery;
import org.apache.spark.sql.catalyst.expressions.IsNotNull;
import org.apache.spark.sql.catalyst.expressions.IsNull;
import org.apache.spark.sql.catalyst.expressions.LessThan;
import org.apache.spark.sql.catalyst.expressions.LessThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.Like;
import org.apache.spark.sql.catalyst.expressions.ListQuery;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Multiply;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.catalyst.expressions.Remainder;
import org.apache.spark.sql.catalyst.expressions.ScalarSubquery;
import org.apache.spark.sql.catalyst.expressions.Subtract;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;

/**
 * What an event's {@code source_filter} may contain, decided on the expression tree Spark's own SQL parser
 * builds (never on the text): the source's columns, literals, comparisons, AND/OR/NOT, IN over literals,
 * IS [NOT] NULL, BETWEEN, LIKE/ILIKE, CAST, CASE, arithmetic and a short list of deterministic scalar
 * functions. Everything else (subqueries in any spelling, reflect/java_method, raise_error, UDFs,
 * non-deterministic functions, generators, lambdas, qualified names) is refused with a message naming it.
 * The checked tree itself is what SyncJob applies, so what was checked is what runs.
 *
 * <p>The parser is Spark's base SQL parser (the session's parser would first substitute {@code ${...}}
 * variables from the Spark configuration into the text).
 */
public final class FilterPolicy {
  private static final int MAX_LENGTH = 4000;

  /** Deterministic scalar functions on strings, numbers and dates; nothing that reads state, time or the environment. */
  public static final Set<String> FUNCTIONS = Set.of(
      "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim", "btrim", "length", "char_length", "character_length",
      "substr", "substring", "left", "right", "concat", "concat_ws", "replace", "lpad", "rpad", "instr", "locate", "startswith",
      "endswith", "contains", "initcap", "reverse", "translate",
      "abs", "round", "bround", "floor", "ceil", "ceiling", "sign", "signum", "mod", "pmod", "greatest", "least", "power", "pow",
      "sqrt", "coalesce", "nullif", "nvl", "nvl2", "ifnull", "if", "isnull", "isnotnull", "isnan", "nanvl",
      "year", "month", "day", "dayofmonth", "dayofweek", "dayofyear", "weekofyear", "quarter", "hour", "minute", "second",
      "to_date", "to_timestamp", "date", "timestamp", "date_add", "date_sub", "datediff", "add_months", "months_between",
      "last_day", "trunc", "date_trunc", "make_date", "date_format", "between");

  private FilterPolicy() {}

  /**
   * Parses and checks {@code filter}; returns the checked tree. {@code columns}: the source's columns, or null
   * when not known yet (a column is then only required to be a plain one-part name).
   *
   * @throws ValidationException naming the part that is not allowed
   */
  public static Expression check(String filter, Collection<String> columns) {
    ValidationException.check(filter.length() <= MAX_LENGTH, "source_filter is longer than %d characters", MAX_LENGTH);
    Expression tree;
    try {
      tree = CatalystSqlParser$.MODULE$.parseExpression(filter);
    } catch (Exception e) {
      throw new ValidationException("source_filter '" + filter + "' is not a Spark SQL predicate: " + firstLine(e.getMessage()));
    }
    Set<String> known = null;
    if (columns != null) {
      known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      known.addAll(columns);
    }
    walk(tree, known, filter);
    return tree;
  }

  private static void walk(Expression e, Set<String> columns, String filter) {
    if (e instanceof UnresolvedAttribute a) {
      List<String> parts = scala.collection.JavaConverters.seqAsJavaList(a.nameParts());
      refuseIf(parts.size() != 1, filter, "qualified name " + a.name() + " (name the source's columns only)");
      refuseIf(columns != null && !columns.contains(parts.get(0)), filter, "'" + parts.get(0) + "', which is not a column of the source");
      return;
    }
    if (e instanceof Literal) {
      return;
    }
    if (e instanceof ScalarSubquery || e instanceof Exists || e instanceof ListQuery || e instanceof InSubquery) {
      refuse(filter, "a subquery (" + e.nodeName() + ")");
    }
    if (e instanceof In in) {
      for (Expression item : scala.collection.JavaConverters.seqAsJavaList(in.list())) {
        boolean literal = item instanceof Literal || (item instanceof UnaryMinus m && m.child() instanceof Literal);
        refuseIf(!literal, filter, "IN over a non-literal (" + item.sql() + "); IN takes a list of literals");
      }
      walk(in.value(), columns, filter);
      return;
    }
    if (e instanceof UnresolvedFunction f) {
      List<String> name = scala.collection.JavaConverters.seqAsJavaList(f.nameParts());
      String fn = String.join(".", name).toLowerCase(Locale.ROOT);
      refuseIf(name.size() != 1 || !FUNCTIONS.contains(fn), filter, "function " + fn + "()");
      refuseIf(f.isDistinct() || f.filter().isDefined() || f.ignoreNulls(), filter, "DISTINCT, FILTER or IGNORE NULLS in " + fn + "()");
    } else if (!allowedNode(e)) {
      refuse(filter, e.nodeName() + " (" + safeSql(e) + ")");
    }
    for (Expression child : scala.collection.JavaConverters.seqAsJavaList(e.children())) {
      walk(child, columns, filter);
    }
  }

  private static boolean allowedNode(Expression e) {
    return e instanceof And || e instanceof Or || e instanceof Not || e instanceof EqualTo || e instanceof EqualNullSafe
        || e instanceof LessThan || e instanceof LessThanOrEqual || e instanceof GreaterThan || e instanceof GreaterThanOrEqual
        || e instanceof IsNull || e instanceof IsNotNull || e instanceof Like || e instanceof ILike || e instanceof Cast
        || e instanceof CaseWhen || e instanceof Add || e instanceof Subtract || e instanceof Multiply || e instanceof Divide
        || e instanceof Remainder || e instanceof UnaryMinus;
  }

  private static void refuseIf(boolean condition, String filter, String what) {
    if (condition) {
      refuse(filter, what);
    }
  }

  private static void refuse(String filter, String what) {
    throw new ValidationException("source_filter '" + filter + "': " + what + " is not allowed; a filter may use the source's columns,"
        + " literals, comparisons, AND/OR/NOT, IN (literals), IS [NOT] NULL, BETWEEN, LIKE, CAST, CASE, arithmetic and"
        + " deterministic scalar functions (see the README, Security)");
  }

  private static String safeSql(Expression e) {
    try {
      return e.sql();
    } catch (RuntimeException ex) {
      return e.toString();
    }
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    String s = m.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
