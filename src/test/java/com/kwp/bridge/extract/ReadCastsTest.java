package com.kwp.bridge.extract;

import com.kwp.bridge.dialect.Dialects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SQL Server columns Spark 3.5 mis-maps are read through casts; everything else is read as it is. */
class ReadCastsTest {
  private static final List<SourceColumn> COLUMNS = List.of(
      new SourceColumn("id", Types.BIGINT, "bigint"),
      new SourceColumn("creado en", -155, "datetimeoffset"),
      new SourceColumn("v", -156, "sql_variant"),
      new SourceColumn("hora", Types.TIME, "time"),
      new SourceColumn("nodo", Types.VARBINARY, "hierarchyid"),
      new SourceColumn("n", Types.TINYINT, "tinyint"));

  @Test
  void sqlServerCastsTheTypesSparkCannotMap() {
    assertEquals(Optional.of("SELECT [id], CAST(SWITCHOFFSET([creado en], '+00:00') AS DATETIME2(7)) AS [creado en],"
            + " CAST([v] AS NVARCHAR(4000)) AS [v], CAST([hora] AS VARCHAR(16)) AS [hora], [nodo].ToString() AS [nodo], [n]"
            + " FROM (SELECT * FROM dbo.t) [bridge_c]"),
        ReadCasts.apply(Dialects.sqlServer().reads(), "SELECT * FROM dbo.t", COLUMNS));
  }

  @Test
  void nothingToCastLeavesTheQueryAlone() {
    assertEquals(Optional.empty(), ReadCasts.apply(Dialects.sqlServer().reads(), "SELECT 1 AS id", List.of(COLUMNS.get(0), COLUMNS.get(5))));
    assertEquals(Optional.empty(), ReadCasts.apply(Dialects.postgres().reads(), "SELECT * FROM t", COLUMNS));
  }
}
