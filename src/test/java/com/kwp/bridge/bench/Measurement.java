package com.kwp.bridge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of the results: an operation ({@code group}) done by one path. {@code role} says whether the
 * path is the bridge, a baseline users have today, or the database's own limit. Ratios are filled in by
 * the harness from the limit and baseline measured in the same run; {@code note} says why a row has no
 * number ("not measured: ...").
 */
record Measurement(
    String group,
    String path,
    Role role,
    long rows,
    Usage usage,
    Double vsLimit,
    Double vsBaseline,
    Double vsAtomic,
    Double vsTuned,
    String note) {

  enum Role { BRIDGE, BASELINE, LIMIT }

  static Measurement of(String group, String path, Role role, long rows, Usage usage) {
    return new Measurement(group, path, role, rows, usage, null, null, null, null, "");
  }

  static Measurement notMeasured(String group, String path, Role role, String reason) {
    return new Measurement(group, path, role, 0, null, null, null, null, null, "not measured: " + reason);
  }

  boolean measured() {
    return usage != null;
  }

  /** Rows per second, or NaN when not measured. */
  @JsonProperty("rowsPerSecond")
  double rowsPerSecond() {
    return measured() ? rows / usage.wallSeconds() : Double.NaN;
  }

  /** This measurement with its rate divided by the limit's and the baseline's (either may be null). */
  Measurement withRatios(Measurement limit, Measurement baseline) {
    return new Measurement(group, path, role, rows, usage, ratio(limit), ratio(baseline), vsAtomic, vsTuned, note);
  }

  /**
   * This measurement with its rate divided by the atomic limit's (the least an all-or-nothing load must do:
   * stage, then one set-based statement, in one transaction) and by the tuned baseline's (what a
   * knowledgeable user would configure); either may be null.
   */
  Measurement withSecondRatios(Measurement atomic, Measurement tuned) {
    return new Measurement(group, path, role, rows, usage, vsLimit, vsBaseline, ratio(atomic), ratio(tuned), note);
  }

  private Double ratio(Measurement other) {
    if (other == null || !other.measured() || !measured() || other == this) {
      return null;
    }
    return rowsPerSecond() / other.rowsPerSecond();
  }

  /** The same measurement under another name (a limit's form, once it is known whether it was the fastest). */
  Measurement withPath(String newPath) {
    return new Measurement(group, newPath, role, rows, usage, vsLimit, vsBaseline, vsAtomic, vsTuned, note);
  }

  Measurement withNote(String extra) {
    return new Measurement(group, path, role, rows, usage, vsLimit, vsBaseline, vsAtomic, vsTuned, note.isEmpty() ? extra : note + "; " + extra);
  }
}
