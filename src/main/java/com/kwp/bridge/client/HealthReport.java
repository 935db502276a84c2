package com.kwp.bridge.client;

import java.util.List;

/** The answers of {@code bridge remote health}, one check per line. */
public record HealthReport(List<Check> checks) {
  /** One check; {@code ok} false means the bridge cannot work (or is falling behind) until it is fixed. */
  public record Check(String name, boolean ok, String detail) {}

  public HealthReport {
    checks = List.copyOf(checks);
  }

  public boolean healthy() {
    return checks.stream().allMatch(Check::ok);
  }
}
