package com.kwp.bridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
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
}
