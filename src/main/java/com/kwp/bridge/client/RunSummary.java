package com.kwp.bridge.client;

/** One line of the recent runs of a job (runs/list). */
public record RunSummary(long runId, long jobId, String lifeCycleState, String resultState, Long startTime, Long endTime,
    String runPageUrl) {}
