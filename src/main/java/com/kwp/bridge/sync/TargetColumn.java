package com.kwp.bridge.sync;

import com.kwp.bridge.jdbc.ColumnInfo;
import java.io.Serializable;
import java.sql.Types;
import java.util.Locale;

/**
 * One column of a sync target: its JDBC description and whether a write must supply it ({@code notNull}
 * without {@code hasDefault}: no default, identity, computed or generated value).
 */
public record TargetColumn(ColumnInfo info, boolean notNull, boolean hasDefault) implements Serializable {

  public String name() {
    return info.name();
  }

  /** True when an INSERT that leaves this column out fails. */
  public boolean required() {
    return notNull && !hasDefault;
  }

  /** The type as the database's DDL writes it: {@code numeric(5,2)}, {@code nvarchar(40)}, {@code int}. */
  public String typeText() {
    String t = info.typeName() == null ? "?" : info.typeName().toLowerCase(Locale.ROOT);
    return switch (info.jdbcType()) {
      case Types.DECIMAL, Types.NUMERIC -> info.precision() > 0 && !t.contains("money") ? t + "(" + info.precision() + "," + info.scale() + ")" : t;
      case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> info.precision() > 0 && info.precision() < Integer.MAX_VALUE
          ? t + "(" + info.precision() + ")" : t;
      default -> t;
    };
  }
}
