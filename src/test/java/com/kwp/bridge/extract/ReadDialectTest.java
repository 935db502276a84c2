package com.kwp.bridge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kwp.bridge.dialect.PostgresDialect;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.SqlServerDialect;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The read-side SQL of both dialects as exact strings, and type handling of bounds and watermarks. */
class ReadDialectTest {
  private static final SqlDialect PG = new PostgresDialect();
  private static final SqlDialect MS = new SqlServerDialect();
  private static final String Q = "SELECT * FROM dbo.ventas WHERE pais = 'CO';";

  @Test
  void boundsQueryWrapsTheTemplate() {
    assertEquals("SELECT MIN([id hogar]) AS lo, MAX([id hogar]) AS hi FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') [bridge_q]",
        MS.boundsQuery(Q, "id hogar"));
    assertEquals("SELECT MIN(\"id hogar\") AS lo, MAX(\"id hogar\") AS hi FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') \"bridge_q\"",
        PG.boundsQuery(Q, "id hogar"));
  }

  @Test
  void quantileQueryUsesNtileOverNonNullValues() {
    assertEquals("SELECT MIN([k]) AS lo FROM (SELECT [k], NTILE(4) OVER (ORDER BY [k]) AS bridge_bucket FROM (SELECT 1 AS k) [bridge_q]"
        + " WHERE [k] IS NOT NULL) bridge_t GROUP BY bridge_bucket ORDER BY lo", MS.quantileBoundariesQuery("SELECT 1 AS k", "k", 4));
  }

  @Test
  void incrementalQueryBoundsEveryPartitionByTheSameUpperWatermark() {
    assertEquals("SELECT * FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') [bridge_q] WHERE [fecha_hora] > "
            + "CAST('2024-01-01T00:00:00.0000000' AS DATETIME2(7)) AND [fecha_hora] <= CAST('2024-02-01T12:30:00.0000000' AS DATETIME2(7))",
        MS.incrementalQuery(Q, "fecha_hora", MS.literal(LocalDateTime.of(2024, 1, 1, 0, 0)), MS.literal(LocalDateTime.of(2024, 2, 1, 12, 30))));
    assertEquals("SELECT * FROM (SELECT * FROM dbo.ventas WHERE pais = 'CO') \"bridge_q\" WHERE \"id\" <= 42",
        PG.incrementalQuery(Q, "id", null, PG.literal(42L)));
  }

  @Test
  void literalsPerType() {
    assertEquals("12.50", PG.literal(new BigDecimal("12.50")));
    assertEquals("-7", MS.literal(-7L));
    assertEquals("DATE '2024-02-29'", PG.literal(LocalDate.of(2024, 2, 29)));
    assertEquals("CAST('2024-02-29' AS DATE)", MS.literal(LocalDate.of(2024, 2, 29)));
    assertEquals("'O''Brien'", PG.literal("O'Brien"));
    assertEquals("N'año'", MS.literal("año"));
    assertThrows(IllegalArgumentException.class, () -> PG.literal(new Object()));
  }

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
