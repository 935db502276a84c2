package com.kwp.bridge.lake;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;

/**
 * One way a read's columns differ from the existing output's. Types are "from" the destination "to" the
 * read: {@code widened int -> bigint} means the source now gives a wider type than the output holds.
 *
 * @param column the read's name (for {@link Kind#MISSING} the destination's)
 * @param previous for {@link Kind#POSSIBLE_RENAME}, the destination column that disappeared; otherwise null
 * @param destinationType null for {@link Kind#ADDED}
 * @param readType null for {@link Kind#MISSING}
 * @param notNull the destination column is NOT NULL (matters when the read no longer fills it)
 */
public record SchemaDifference(Kind kind, String column, String previous, DataType destinationType, DataType readType,
    boolean notNull) implements Serializable {

  public enum Kind {
    /** In the read, not in the destination. */
    ADDED,
    /** In the destination, not in the read. */
    MISSING,
    /** One added and one missing column of the same type: reported, never acted on as a rename. */
    POSSIBLE_RENAME,
    /** The read's type holds every value of the destination's and more. */
    WIDENED,
    /** The destination's type holds every value of the read's (the read can be cast up to it). */
    NARROWED,
    /** Neither type holds the other's values. */
    INCOMPATIBLE
  }

  static SchemaDifference added(String column, DataType type) {
    return new SchemaDifference(Kind.ADDED, column, null, null, type, false);
  }

  static SchemaDifference missing(String column, DataType type, boolean notNull) {
    return new SchemaDifference(Kind.MISSING, column, null, type, null, notNull);
  }

  static SchemaDifference possibleRename(String from, String to, DataType type, boolean notNull) {
    return new SchemaDifference(Kind.POSSIBLE_RENAME, to, from, type, type, notNull);
  }

  static SchemaDifference typed(Kind kind, String column, DataType destination, DataType read) {
    return new SchemaDifference(kind, column, null, destination, read, false);
  }

  /** A few words naming the column(s) and type(s), e.g. {@code added nueva (int)}, {@code cantidad widened int -> bigint}. */
  public String describe() {
    return switch (kind) {
      case ADDED -> "added " + name(column) + " (" + readType.simpleString() + ")";
      case MISSING -> "missing " + name(column) + " (" + destinationType.simpleString() + (notNull ? ", NOT NULL" : "") + ")";
      case POSSIBLE_RENAME -> "possible rename " + name(previous) + " -> " + name(column) + " (" + readType.simpleString() + ")";
      case WIDENED -> name(column) + " widened " + destinationType.simpleString() + " -> " + readType.simpleString();
      case NARROWED -> name(column) + " narrowed " + destinationType.simpleString() + " -> " + readType.simpleString();
      case INCOMPATIBLE -> name(column) + " changed " + destinationType.simpleString() + " -> " + readType.simpleString();
    };
  }

  /** A name as written, in backticks when it holds a space or a symbol ({@code `id hogar`}; {@code año} stays as it is). */
  public static String name(String column) {
    return column.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_') ? column : "`" + column + "`";
  }
}
