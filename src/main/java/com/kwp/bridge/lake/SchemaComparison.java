package com.kwp.bridge.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        out.add(SchemaDifference.added(r.name(), r.dataType()));
      } else if (!sameType(d.dataType(), r.dataType())) {
        SchemaDifference.Kind kind = widens(d.dataType(), r.dataType()) ? SchemaDifference.Kind.WIDENED
            : widens(r.dataType(), d.dataType()) ? SchemaDifference.Kind.NARROWED : SchemaDifference.Kind.INCOMPATIBLE;
        out.add(SchemaDifference.typed(kind, r.name(), d.dataType(), r.dataType()));
      }
    }
    for (StructField d : existing.values()) {
      out.add(SchemaDifference.missing(d.name(), d.dataType(), !d.nullable()));
    }
    return pairRenames(out);
  }

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
        String type = (d.kind() == SchemaDifference.Kind.ADDED ? d.readType() : d.destinationType()).catalogString();
        List<SchemaDifference> a = added.getOrDefault(type, List.of());
        List<SchemaDifference> m = missing.getOrDefault(type, List.of());
        if (a.size() == 1 && m.size() == 1) {
          if (d.kind() == SchemaDifference.Kind.ADDED) { // the pair is reported once, where the new name stands
            out.add(SchemaDifference.possibleRename(m.get(0).column(), d.column(), d.readType(), m.get(0).notNull()));
          }
          continue;
        }
      }
      out.add(d);
    }
    return out;
  }

  private static Map<String, List<SchemaDifference>> byType(List<SchemaDifference> diffs, SchemaDifference.Kind kind) {
    Map<String, List<SchemaDifference>> out = new LinkedHashMap<>();
    for (SchemaDifference d : diffs) {
      if (d.kind() == kind) {
        DataType t = kind == SchemaDifference.Kind.ADDED ? d.readType() : d.destinationType();
        out.computeIfAbsent(t.catalogString(), k -> new ArrayList<>()).add(d);
      }
    }
    return out;
  }
}
