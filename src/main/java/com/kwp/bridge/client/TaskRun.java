package com.kwp.bridge.client;

/**
 * One task run of a job run; for the extract job, one for-each iteration (one country).
 *
 * @param input the iteration's country (from the resolved {@code --country} argument), null when unknown
 * @param error the failed task's error from runs/get-output, null unless it failed
 */
public record TaskRun(String taskKey, long runId, String input, String lifeCycleState, String resultState, String stateMessage,
    String error) {
  public boolean failed() {
    return resultState != null && !resultState.equals("SUCCESS") && !resultState.equals("EXCLUDED");
  }
}
