package com.kwp.bridge.client;

/** One row of the extract-runs table for a job run: what one query of one country moved. */
public record QueryRows(String country, String query, String status, long rowsWritten, String error) {}
