package com.kwp.bridge.error;

import java.util.List;

/** One or more queries of an extract run failed; the others' outputs were written. Names every failed query. */
public class ExtractFailedException extends BridgeException {
  private static final long serialVersionUID = 1L;
  private final List<String> failedQueries;

  public ExtractFailedException(String country, List<String> failedQueries, String details) {
    super(ErrorClass.RUN_FAILED, "Extract for " + country + ": " + failedQueries.size() + " "
        + (failedQueries.size() == 1 ? "query" : "queries") + " failed: " + String.join(", ", failedQueries)
        + ". The other queries' outputs were written." + System.lineSeparator() + details);
    this.failedQueries = List.copyOf(failedQueries);
  }

  public List<String> failedQueries() {
    return failedQueries;
  }
}
