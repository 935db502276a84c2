package com.kwp.bridge.cli;

/** {@code bridge sync ...}: runs SyncJob with the same options as its main class. */
public final class SyncCommand implements Command {
  @Override
  public String name() {
    return "sync";
  }

  @Override
  public String summary() {
    return "run SyncJob (bridge_events -> SQL Server); same options as the SyncJob main class";
  }

  @Override
  public void run(String[] args) {
    SyncJob.main(args);
  }
}
