package com.kwp.bridge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Types;
import org.junit.jupiter.api.Test;

/** JDBC types as the kinds bounds and watermarks are handled by. */
class ColumnKindTest {

  @Test
  void jdbcTypesMapToColumnKinds() {
    assertEquals(ColumnKind.INTEGRAL, ColumnKind.fromJdbcType(Types.TINYINT));
    assertEquals(ColumnKind.INTEGRAL, ColumnKind.fromJdbcType(Types.BIGINT));
    assertEquals(ColumnKind.FRACTIONAL, ColumnKind.fromJdbcType(Types.NUMERIC));
    assertEquals(ColumnKind.DATE, ColumnKind.fromJdbcType(Types.DATE));
    assertEquals(ColumnKind.TIMESTAMP, ColumnKind.fromJdbcType(Types.TIMESTAMP));
    assertEquals(ColumnKind.OTHER, ColumnKind.fromJdbcType(-155)); // SQL Server datetimeoffset
    assertEquals(ColumnKind.OTHER, ColumnKind.fromJdbcType(Types.NVARCHAR));
  }
}
