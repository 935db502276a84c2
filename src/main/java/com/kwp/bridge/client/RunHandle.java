package com.kwp.bridge.client;

/** A started job run: its id (for status, cancel, wait) and the job it belongs to. */
public record RunHandle(long runId, long jobId, String jobName) {}
