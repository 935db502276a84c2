package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kwp.bridge.jdbc.ColumnInfo;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagingAreaTest {
  @Test
  void stagingColumnsAreTheTargetsInSourceOrderThenThePartitionId() {
    ColumnInfo id = new ColumnInfo("Id", Types.BIGINT, "bigint", 19, 0);
    ColumnInfo amount = new ColumnInfo("monto", Types.DECIMAL, "decimal", 12, 2);
    ColumnInfo note = new ColumnInfo("nota", Types.NVARCHAR, "nvarchar", 40, 0);
    assertEquals(List.of(amount, id, new ColumnInfo("bridge_partition", Types.INTEGER, "integer", 10, 0)),
        StagingArea.columns(List.of(id, amount, note), List.of("monto", "Id")));
    assertThrows(IllegalStateException.class, () -> StagingArea.columns(List.of(id), List.of("id")),
        "names are matched as the target spells them");
  }
}
