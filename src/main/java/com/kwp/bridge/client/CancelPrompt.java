package com.kwp.bridge.client;

/** Asks the person at the terminal whether to cancel a run they stopped waiting for (Ctrl-C). */
@FunctionalInterface
public interface CancelPrompt {
  boolean confirmCancel(long runId);

  /** Reads y/N from the console; no console (a CI step) means no. */
  static CancelPrompt console() {
    return runId -> {
      java.io.Console c = System.console();
      if (c == null) {
        return false;
      }
      String answer = c.readLine("%nStopped waiting. Cancel run %d on Databricks too? [y/N] ", runId);
      return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    };
  }
}
