package com.kwp.bridge.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** A local workspace with the bridge's two jobs deployed as the bundle defines them, and a client on it. */
final class TestWorkspace implements AutoCloseable {
  /** A project's service principal: its token and its application id (the identity the workspace reports). */
  static final String TOKEN = "dapi0123456789abcdef-project-a";
  static final String PRINCIPAL = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
  static final String WAREHOUSE = "abc123def456";

  final LocalWorkspace server;
  final LocalJobs.Job extractJob;
  final LocalJobs.Job syncJob;

  TestWorkspace(LocalStatements.Executor sql) {
    try {
      server = new LocalWorkspace(sql);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.addToken(TOKEN, PRINCIPAL);
    server.addWarehouse(WAREHOUSE, "bridge warehouse", "STOPPED");
    // Parameters and defaults of resources/extract.job.yml (prod target).
    extractJob = server.jobs.addJob("bridge-extract", Map.of("countries", "[\"Colombia\",\"Mexico\"]",
        "destination", "/Volumes/bridge/events/bridge_landing/extract", "queries", "", "overwrite", "false"), true);
    syncJob = server.jobs.addJob("bridge-sync", Map.of(), false);
  }

  /** Settings with short statement polling; the warehouse only when {@code withWarehouse}. */
  static ClientSettings settings(boolean withWarehouse) {
    ClientSettings s = ClientSettings.defaults().withStatementTiming(Duration.ZERO, Duration.ofSeconds(60), Duration.ofMillis(20),
        Duration.ofMillis(200));
    return withWarehouse ? s.withWarehouseId(WAREHOUSE) : s;
  }

  BridgeClient client(ClientSettings settings) {
    return BridgeClient.create(server.config(TOKEN), settings);
  }

  long requests(String method, String path) {
    return server.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
  }

  @Override
  public void close() {
    server.close();
  }
}
