package com.kwp.bridge.audit;

import java.io.Serializable;

/** Who is running: the Databricks job run id ({@code --run-id {{job.run_id}}}) or a local label. */
public record RunContext(String jobRunId) implements Serializable {
  public static RunContext of(String runId) {
    return new RunContext(runId == null || runId.isBlank() ? "local-" + ProcessHandle.current().pid() : runId);
  }
}
