package com.kwp.bridge.client;

import com.kwp.bridge.error.ValidationException;
import java.util.List;
import java.util.Map;

/**
 * A sync event as a producer asks for it. The principal is not part of it: the warehouse records the identity
 * that submitted it (the project's service principal), which is what SyncJob authorizes.
 */
public record SyncEventRequest(String operation, String sourceTable, String targetTable, List<String> primaryKeys,
    String sourceFilter, Map<String, String> options) {
  public SyncEventRequest {
    ValidationException.check(operation != null && !operation.isBlank(), "an event needs an operation (INSERT, UPDATE, UPSERT or DELETE)");
    primaryKeys = primaryKeys == null ? null : List.copyOf(primaryKeys);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  public static SyncEventRequest insert(String source, String target) {
    return new SyncEventRequest("INSERT", source, target, null, null, null);
  }

  public static SyncEventRequest of(String operation, String source, String target, List<String> keys) {
    return new SyncEventRequest(operation, source, target, keys, null, null);
  }

  public SyncEventRequest keys(String... columns) {
    return new SyncEventRequest(operation, sourceTable, targetTable, List.of(columns), sourceFilter, options);
  }

  public SyncEventRequest filter(String predicate) {
    return new SyncEventRequest(operation, sourceTable, targetTable, primaryKeys, predicate, options);
  }
}
