package com.kwp.bridge.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares a read's schema with an existing output's, as Delta sees them: names case-insensitively (Delta's
 * default, and Parquet readers resolve them the same way in Spark), types ignoring nullability and metadata.
 * Pure: no Spark session, nothing read.
 */
public final class SchemaComparison {
  private SchemaComparison() {}

  /**
   * Every difference, read columns first in the read's order, then the destination's missing ones. An
   * added and a missing column are reported together as a possible rename when they are the only added
   * and the only missing column of their type.
   */
  public static List<SchemaDifference> compare(StructType destination, StructType read) {
    Map<String, StructField> existing = new LinkedHashMap<>();
    for (StructField f : destination.fields()) {
      existing.put(key(f.name()), f);
    }
    List<SchemaDifference> out = new ArrayList<>();
    for (StructField r : read.fields()) {
      StructField d = existing.remove(key(r.name()));
      if (d == null) {
        out.add(SchemaDifference.added(r));
      } else if (!sameType(d.dataType(), r.dataType())) {
        SchemaDifference.Kind kind = widens(d.dataType(), r.dataType()) ? SchemaDifference.Kind.WIDENED
            : widens(r.dataType(), d.dataType()) ? SchemaDifference.Kind.NARROWED : SchemaDifference.Kind.INCOMPATIBLE;
        out.add(SchemaDifference.typed(kind, d, r));
      } else if (limitRaised(d, r)) {
        out.add(SchemaDifference.typed(SchemaDifference.Kind.WIDENED, d, r));
      }
    }
    for (StructField d : existing.values()) {
      out.add(SchemaDifference.missing(d));
    }
    return pairRenames(out);
  }

  /**
   * Spark keeps a JDBC column's char/varchar declaration in the field's metadata, and a Delta table created
   * from it enforces the length on every write. Only a limit the read exceeds (longer, or none) matters; a
   * shorter one in the source still fits.
   */
  static boolean limitRaised(StructField destination, StructField read) {
    OptionalInt limit = lengthLimit(destination);
    OptionalInt readLimit = lengthLimit(read);
    return limit.isPresent() && (readLimit.isEmpty() || readLimit.getAsInt() > limit.getAsInt());
  }

  /** The field's char/varchar length, when it has one. */
  public static OptionalInt lengthLimit(StructField f) {
    Matcher m = LIMITED.matcher(declaredType(f));
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
  }

  /** The type as declared: {@code varchar(50)} or {@code char(2)} when the field carries one, else Spark's name ({@code int}). */
  public static String declaredType(StructField f) {
    return f.metadata().contains(CHAR_VARCHAR) ? f.metadata().getString(CHAR_VARCHAR).toLowerCase(Locale.ROOT)
        : f.dataType().simpleString();
  }

  /** Spark's metadata key for a string column's char/varchar declaration (CharVarcharUtils). */
  static final String CHAR_VARCHAR = "__CHAR_VARCHAR_TYPE_STRING";
  private static final Pattern LIMITED = Pattern.compile("(char|varchar)\\((\\d+)\\)");

  /**
   * True when every value of {@code narrow} is a value of {@code wide}: the integer ladder, float to double,
   * small integers to double, integers and decimals into decimals with at least as many integer and
   * fraction digits. Nothing else (a date is not a timestamp, a number is not text).
   */
  public static boolean widens(DataType narrow, DataType wide) {
    int n = integerRank(narrow);
    int w = integerRank(wide);
    if (n > 0 && w > 0) {
      return n < w;
    }
    if (wide instanceof DoubleType) {
      return narrow instanceof FloatType || (n > 0 && n <= 3);
    }
    if (wide instanceof DecimalType dw) {
      if (n > 0) {
        return dw.precision() - dw.scale() >= INTEGER_DIGITS[n];
      }
      if (narrow instanceof DecimalType dn) {
        return dw.scale() >= dn.scale() && dw.precision() - dw.scale() >= dn.precision() - dn.scale()
            && !(dw.precision() == dn.precision() && dw.scale() == dn.scale());
      }
    }
    return false;
  }

  /** Decimal digits an integer type needs, by {@link #integerRank}. */
  private static final int[] INTEGER_DIGITS = {0, 3, 5, 10, 20};

  /** 1 byte, 2 short, 3 int, 4 long; 0 for anything else. */
  private static int integerRank(DataType t) {
    if (t instanceof ByteType) {
      return 1;
    }
    if (t instanceof ShortType) {
      return 2;
    }
    if (t instanceof IntegerType) {
      return 3;
    }
    return t instanceof LongType ? 4 : 0;
  }

  /** Same type, nullability and field metadata aside (catalogString leaves both out, nested types included). */
  static boolean sameType(DataType a, DataType b) {
    return a.catalogString().equals(b.catalogString());
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static List<SchemaDifference> pairRenames(List<SchemaDifference> diffs) {
    Map<String, List<SchemaDifference>> added = byType(diffs, SchemaDifference.Kind.ADDED);
    Map<String, List<SchemaDifference>> missing = byType(diffs, SchemaDifference.Kind.MISSING);
    List<SchemaDifference> out = new ArrayList<>();
    for (SchemaDifference d : diffs) {
      if (d.kind() == SchemaDifference.Kind.ADDED || d.kind() == SchemaDifference.Kind.MISSING) {
        String type = renameKey(d.kind() == SchemaDifference.Kind.ADDED ? d.read() : d.destination());
        List<SchemaDifference> a = added.getOrDefault(type, List.of());
        List<SchemaDifference> m = missing.getOrDefault(type, List.of());
        if (a.size() == 1 && m.size() == 1) {
          if (d.kind() == SchemaDifference.Kind.ADDED) { // the pair is reported once, where the new name stands
            out.add(SchemaDifference.possibleRename(m.get(0).destination(), d.read()));
          }
          continue;
        }
      }
      out.add(d);
    }
    return out;
  }

  /** Columns pair as a possible rename on their type alone (a varchar length aside). */
  private static String renameKey(StructField f) {
    return f.dataType().catalogString();
  }

  private static Map<String, List<SchemaDifference>> byType(List<SchemaDifference> diffs, SchemaDifference.Kind kind) {
    Map<String, List<SchemaDifference>> out = new LinkedHashMap<>();
    for (SchemaDifference d : diffs) {
      if (d.kind() == kind) {
        out.computeIfAbsent(renameKey(kind == SchemaDifference.Kind.ADDED ? d.read() : d.destination()), k -> new ArrayList<>()).add(d);
      }
    }
    return out;
  }
}
