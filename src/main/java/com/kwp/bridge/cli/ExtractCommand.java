package com.kwp.bridge.cli;

/** {@code bridge extract ...}: the same as the ExtractJob main class. */
public final class ExtractCommand implements Command {
  @Override
  public String name() {
    return "extract";
  }

  @Override
  public String summary() {
    return "run ExtractJob (SQL Server -> Parquet/Delta); same options as the ExtractJob main class";
  }

  @Override
  public void run(String[] args) {
    ExtractJob.main(args);
  }
}
