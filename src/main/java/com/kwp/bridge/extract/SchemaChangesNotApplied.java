package com.kwp.bridge.extract;

import java.util.List;

/**
 * A write that failed after its schema changes were decided (the source failed half way, the destination
 * refused a commit): the output keeps its old schema, since the changes were part of the failed commit. Only
 * carries the failure to {@link ExtractRunner}, which reports the cause as it came and the changes as not applied.
 */
final class SchemaChangesNotApplied extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<SchemaChange> changes;

  SchemaChangesNotApplied(Exception cause, List<SchemaChange> decided) {
    super(cause.getMessage(), cause);
    this.changes = decided.stream().map(c -> new SchemaChange(c.difference(), c.action() + " (not applied: the write failed)")).toList();
  }

  List<SchemaChange> changes() {
    return changes;
  }
}
