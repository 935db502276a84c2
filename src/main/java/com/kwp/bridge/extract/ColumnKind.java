package com.kwp.bridge.extract;

import java.sql.Types;

/** What a partition or watermark column holds, as far as cutting it into ranges is concerned. */
public enum ColumnKind {
  INTEGRAL,
  FRACTIONAL,
  DATE,
  TIMESTAMP,
  OTHER;

  /** From a JDBC type code ({@link Types}); vendor codes (e.g. SQL Server datetimeoffset, -155) are OTHER. */
  public static ColumnKind fromJdbcType(int type) {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGRAL;
      case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> FRACTIONAL;
      case Types.DATE -> DATE;
      case Types.TIMESTAMP -> TIMESTAMP;
      default -> OTHER;
    };
  }

  /** True when equal-width ranges between MIN and MAX make sense. */
  public boolean isOrderedNumericOrTemporal() {
    return this != OTHER;
  }
}
