package com.kwp.bridge.sync;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Source columns against target columns, before anything is loaded: which source column feeds which target
 * column, and every mismatch (a source column the target lacks, a required target column the source lacks,
 * a target type that cannot hold the source type's values). Names match exactly first, then ignoring case
 * where the target compares identifiers that way (SQL Server) or where the match is unique (PostgreSQL's
 * lower-case folding), so {@code id hogar} and {@code año} keep working.
 *
 * <p>Types are compared by what they can hold, never by a scan: a longer text than a bounded text column
 * takes is refused by the database at the staging load, which changes nothing in the target.
 */
public final class SchemaDrift {
  private SchemaDrift() {}

  /** One difference, as the refusal lists it. */
  public record Mismatch(String column, String sourceType, String targetType, String problem) {
    @Override
    public String toString() {
      return column + " (" + (sourceType == null ? "-" : sourceType) + " -> " + (targetType == null ? "-" : targetType) + "): " + problem;
    }
  }

  /** {@code targetNames.get(i)} is fed by source column {@code sourceNames.get(i)}; {@code ignored} source columns are left out. */
  public record Match(List<String> sourceNames, List<String> targetNames, List<String> ignored, List<Mismatch> mismatches) {}

  /**
   * Matches {@code source} to {@code target} for an operation: {@code insertsRows} (INSERT, UPSERT, REPLACE)
   * also needs every required target column; {@code keysOnly} (DELETE) compares only {@code keys}.
   */
  public static Match compare(StructType source, List<TargetColumn> target, boolean caseSensitive, boolean ignoreExtra,
      boolean insertsRows, List<String> keysOnly) {
    List<String> sourceNames = new ArrayList<>();
    List<String> targetNames = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    List<Mismatch> mismatches = new ArrayList<>();
    for (StructField f : source.fields()) {
      if (keysOnly != null && keysOnly.stream().noneMatch(k -> k.equalsIgnoreCase(f.name()))) {
        continue; // a DELETE reads only its keys
      }
      Optional<TargetColumn> t = find(target, f.name(), caseSensitive);
      if (t.isEmpty()) {
        if (ignoreExtra && keysOnly == null) {
          ignored.add(f.name());
        } else {
          mismatches.add(new Mismatch(f.name(), f.dataType().simpleString(), null,
              "the target has no such column" + (keysOnly == null ? " (add it, or set options.on_extra_columns = ignore)" : "")));
        }
        continue;
      }
      sourceNames.add(f.name());
      targetNames.add(t.get().name());
      cannotHold(f.dataType(), t.get()).ifPresent(why -> mismatches.add(new Mismatch(f.name(), f.dataType().simpleString(), t.get().typeText(), why)));
    }
    if (insertsRows) {
      for (TargetColumn t : target) {
        if (t.required() && targetNames.stream().noneMatch(n -> n.equals(t.name()))) {
          mismatches.add(new Mismatch(t.name(), null, t.typeText(), "NOT NULL without a default, and the source has no such column"));
        }
      }
    }
    return new Match(List.copyOf(sourceNames), List.copyOf(targetNames), List.copyOf(ignored), List.copyOf(mismatches));
  }

  private static Optional<TargetColumn> find(List<TargetColumn> target, String name, boolean caseSensitive) {
    Optional<TargetColumn> exact = target.stream().filter(t -> t.name().equals(name)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    List<TargetColumn> folded = target.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
    return folded.size() == 1 || (!caseSensitive && !folded.isEmpty()) ? Optional.of(folded.get(0)) : Optional.empty();
  }

  /** Why {@code target} cannot hold every value of {@code source}, or empty when it can (or the database must judge). */
  static Optional<String> cannotHold(DataType source, TargetColumn target) {
    int jdbc = target.info().jdbcType();
    int p = target.info().precision();
    int s = target.info().scale();
    if (isText(jdbc) || isUnknown(jdbc)) {
      return Optional.empty(); // any value has a text form; other types are the database's to judge at the load
    }
    if (source instanceof StringType) {
      return Optional.empty(); // parsed by the database at the load, which refuses what it cannot read
    }
    int digits = integralDigits(source);
    if (digits > 0) {
      int held = integralDigits(jdbc);
      if (held > 0) {
        return held >= digits ? Optional.empty() : Optional.of("values may overflow the narrower integer type");
      }
      if (isDecimal(jdbc)) {
        return p == 0 || p - s >= digits ? Optional.empty() : Optional.of("values may have more integer digits than " + (p - s));
      }
      if (jdbc == Types.DOUBLE || jdbc == Types.FLOAT) {
        return digits <= 10 ? Optional.empty() : Optional.of("a double rounds integers beyond 2^53");
      }
      if (jdbc == Types.REAL) {
        return digits <= 5 ? Optional.empty() : Optional.of("a real rounds integers beyond 2^24");
      }
      return Optional.of("not a numeric type");
    }
    if (source instanceof DecimalType d) {
      if (isDecimal(jdbc)) {
        if (p == 0) {
          return Optional.empty(); // PostgreSQL numeric without a typmod holds any decimal
        }
        if (s < d.scale()) {
          return Optional.of("the target keeps " + s + " decimal place(s), the source has " + d.scale());
        }
        return p - s >= d.precision() - d.scale() ? Optional.empty()
            : Optional.of("the target holds " + (p - s) + " integer digit(s), the source up to " + (d.precision() - d.scale()));
      }
      int held = integralDigits(jdbc);
      if (held > 0) {
        return d.scale() == 0 && d.precision() <= held ? Optional.empty() : Optional.of("an integer column cannot hold these decimals");
      }
      if (jdbc == Types.DOUBLE || jdbc == Types.FLOAT) {
        return d.precision() <= 15 ? Optional.empty() : Optional.of("a double keeps 15 significant digits, the source has up to " + d.precision());
      }
      return Optional.of(jdbc == Types.REAL ? "a real keeps 6 significant digits" : "not a numeric type");
    }
    if (source instanceof DoubleType || source instanceof FloatType) {
      if (jdbc == Types.DOUBLE || jdbc == Types.FLOAT || (jdbc == Types.REAL && source instanceof FloatType)) {
        return Optional.empty();
      }
      return Optional.of(jdbc == Types.REAL ? "a real cannot hold every double" : "floating-point values into a non-float column");
    }
    if (source instanceof DateType) {
      return isTemporal(jdbc) && jdbc != Types.TIME ? Optional.empty() : Optional.of("not a date or timestamp type");
    }
    if (source instanceof TimestampType || source instanceof TimestampNTZType) {
      if (jdbc == Types.DATE) {
        return Optional.of("a date drops the time of day");
      }
      return isTemporal(jdbc) && jdbc != Types.TIME ? Optional.empty() : Optional.of("not a timestamp type");
    }
    if (source instanceof BooleanType) {
      return jdbc == Types.BIT || jdbc == Types.BOOLEAN || integralDigits(jdbc) > 0 ? Optional.empty() : Optional.of("not a boolean type");
    }
    if (source instanceof BinaryType) {
      return jdbc == Types.BINARY || jdbc == Types.VARBINARY || jdbc == Types.LONGVARBINARY || jdbc == Types.BLOB ? Optional.empty()
          : Optional.of("not a binary type");
    }
    return Optional.of("the bridge cannot write a " + source.simpleString() + " column");
  }

  /** Decimal digits every value of an integral type fits in (0: not integral). */
  private static int integralDigits(DataType t) {
    if (t instanceof ByteType) {
      return 3;
    }
    if (t instanceof ShortType) {
      return 5;
    }
    if (t instanceof IntegerType) {
      return 10;
    }
    return t instanceof LongType ? 19 : 0;
  }

  /**
   * Decimal digits of values an integral column holds in full (0: not integral). TINYINT is 0..255 on SQL
   * Server, so it holds no signed source type.
   */
  private static int integralDigits(int jdbc) {
    return switch (jdbc) {
      case Types.TINYINT -> 2;
      case Types.SMALLINT -> 5;
      case Types.INTEGER -> 10;
      case Types.BIGINT -> 19;
      default -> 0;
    };
  }

  private static boolean isDecimal(int jdbc) {
    return jdbc == Types.DECIMAL || jdbc == Types.NUMERIC;
  }

  private static boolean isText(int jdbc) {
    return switch (jdbc) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> true;
      default -> false;
    };
  }

  private static boolean isTemporal(int jdbc) {
    return jdbc == Types.DATE || jdbc == Types.TIME || jdbc == Types.TIMESTAMP || jdbc == Types.TIMESTAMP_WITH_TIMEZONE || jdbc == -155;
  }

  /** Types the bridge does not judge (uuid, json, xml, arrays, vendor types): the database accepts or refuses them at the load. */
  private static boolean isUnknown(int jdbc) {
    return !(isText(jdbc) || isTemporal(jdbc) || isDecimal(jdbc) || integralDigits(jdbc) > 0 || jdbc == Types.TINYINT
        || jdbc == Types.DOUBLE || jdbc == Types.FLOAT || jdbc == Types.REAL || jdbc == Types.BIT || jdbc == Types.BOOLEAN
        || jdbc == Types.BINARY || jdbc == Types.VARBINARY || jdbc == Types.LONGVARBINARY || jdbc == Types.BLOB);
  }
}
