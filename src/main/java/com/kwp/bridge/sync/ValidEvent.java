package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.TableName;
import java.io.Serializable;
import java.util.List;

/** An event that passed validation: operation known, target parsed, keys present where needed. */
public record ValidEvent(SyncEvent raw, Operation operation, TableName target, List<String> keys) implements Serializable {
  public String id() {
    return raw.eventId();
  }

  public String principal() {
    return raw.requestedBy();
  }
}
