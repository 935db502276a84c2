package com.kwp.bridge.lake;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * One way a read's columns differ from the existing output's. Types are "from" the destination "to" the
 * read: {@code widened int -> bigint} means the source now gives a wider type than the output holds.
 *
 * @param column the read's name (for {@link Kind#MISSING} the destination's)
 * @param previous for {@link Kind#POSSIBLE_RENAME}, the destination column that disappeared; otherwise null
 * @param destination the destination's column; null for {@link Kind#ADDED}
 * @param read the read's column; null for {@link Kind#MISSING}
 */
public record SchemaDifference(Kind kind, String column, String previous, StructField destination, StructField read)
    implements Serializable {

  public enum Kind {
    /** In the read, not in the destination. */
    ADDED,
    /** In the destination, not in the read. */
    MISSING,
    /** One added and one missing column of the same type: reported, never acted on as a rename. */
    POSSIBLE_RENAME,
    /** The read's type holds every value of the destination's and more (a longer char/varchar limit too). */
    WIDENED,
    /** The destination's type holds every value of the read's (the read can be cast up to it). */
    NARROWED,
    /** Neither type holds the other's values. */
    INCOMPATIBLE
  }

  static SchemaDifference added(StructField read) {
    return new SchemaDifference(Kind.ADDED, read.name(), null, null, read);
  }

  static SchemaDifference missing(StructField destination) {
    return new SchemaDifference(Kind.MISSING, destination.name(), null, destination, null);
  }

  static SchemaDifference possibleRename(StructField from, StructField to) {
    return new SchemaDifference(Kind.POSSIBLE_RENAME, to.name(), from.name(), from, to);
  }

  static SchemaDifference typed(Kind kind, StructField destination, StructField read) {
    return new SchemaDifference(kind, read.name(), null, destination, read);
  }

  public DataType destinationType() {
    return destination == null ? null : destination.dataType();
  }

  public DataType readType() {
    return read == null ? null : read.dataType();
  }

  /** The destination column is NOT NULL (matters when the read no longer fills it). */
  public boolean notNull() {
    return destination != null && !destination.nullable();
  }

  /** A few words naming the column(s) and type(s), e.g. {@code added nueva (int)}, {@code cantidad widened int -> bigint}. */
  public String describe() {
    String from = destination == null ? null : SchemaComparison.declaredType(destination);
    String to = read == null ? null : SchemaComparison.declaredType(read);
    return switch (kind) {
      case ADDED -> "added " + name(column) + " (" + to + ")";
      case MISSING -> "missing " + name(column) + " (" + from + (notNull() ? ", NOT NULL" : "") + ")";
      case POSSIBLE_RENAME -> "possible rename " + name(previous) + " -> " + name(column) + " (" + to + ")";
      case WIDENED -> name(column) + " widened " + from + " -> " + to;
      case NARROWED -> name(column) + " narrowed " + from + " -> " + to;
      case INCOMPATIBLE -> name(column) + " changed " + from + " -> " + to;
    };
  }

  /** A name as written, in backticks when it holds a space or a symbol ({@code `id hogar`}; {@code año} stays as it is). */
  public static String name(String column) {
    return column.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_') ? column : "`" + column + "`";
  }
}
