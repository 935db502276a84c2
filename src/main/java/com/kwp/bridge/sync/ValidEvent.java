package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.security.SourceName;
import java.io.Serializable;
import java.util.List;

/**
 * An event that passed validation: operation known, source and target parsed, keys present where needed,
 * filter allowed, the options the bridge acts on parsed.
 */
public record ValidEvent(SyncEvent raw, Operation operation, TableName target, SourceName source, List<String> keys, EventOptions options)
    implements Serializable {
  public String id() {
    return raw.eventId();
  }
}
