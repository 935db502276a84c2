package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kwp.bridge.jdbc.ColumnInfo;
import java.sql.Types;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventApplierTest {

  @Test
  void onlyStatementsThatJoinStagingToTheTargetAnalyzeIt() {
    Set<Operation> analyzed = EnumSet.noneOf(Operation.class);
    for (Operation op : Operation.values()) {
      if (EventApplier.joinsStaging(op, false)) {
        analyzed.add(op);
      }
    }
    assertEquals(EnumSet.of(Operation.UPDATE, Operation.UPSERT, Operation.DELETE), analyzed);
    assertEquals(false, EventApplier.joinsStaging(Operation.UPSERT, true), "one INSERT ... ON CONFLICT probes the index per row");
  }

  @Test
  void stagingColumnsAreTheTargetsInSourceOrderThenThePartitionId() {
    ColumnInfo id = new ColumnInfo("Id", Types.BIGINT, "bigint", 19, 0);
    ColumnInfo amount = new ColumnInfo("monto", Types.DECIMAL, "decimal", 12, 2);
    ColumnInfo note = new ColumnInfo("nota", Types.NVARCHAR, "nvarchar", 40, 0);
    assertEquals(List.of(amount, id, new ColumnInfo("bridge_partition", Types.INTEGER, "integer", 10, 0)),
        EventApplier.stagingColumns(List.of(id, amount, note), List.of("monto", "Id")));
    assertThrows(IllegalStateException.class, () -> EventApplier.stagingColumns(List.of(id), List.of("id")),
        "names are matched as the target spells them");
  }
}
