package com.kwp.bridge.extract;

import com.kwp.bridge.lake.SchemaDifference;
import java.io.Serializable;

/** A difference between the read and the existing output, and what the run did about it. */
public record SchemaChange(SchemaDifference difference, String action) implements Serializable {
  /** e.g. {@code added nueva (int): added to the table}. */
  public String text() {
    return difference.describe() + ": " + action;
  }
}
