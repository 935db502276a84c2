package com.kwp.bridge.extract;

import com.kwp.bridge.error.ValidationException;
import java.util.List;

/**
 * A write refused because the read's columns differ from the existing output's in a way the query's
 * {@code on-schema-change} (or the destination) does not accept; nothing was read or written. Carries every
 * difference found, so the summary and the runs table can name them.
 */
public class SchemaChangeException extends ValidationException {
  private static final long serialVersionUID = 1L;
  private final List<SchemaChange> changes;

  public SchemaChangeException(String message, List<SchemaChange> changes) {
    super(message);
    this.changes = List.copyOf(changes);
  }

  public List<SchemaChange> changes() {
    return changes;
  }
}
