package com.kwp.bridge.cli;

import com.kwp.bridge.error.BridgeException;
import java.sql.SQLException;

/**
 * The process exit codes of {@code bin/bridge}, one per kind of failure, and the one place that maps an
 * error to its code. Documented in the README's Troubleshooting section; keep the numbers stable.
 */
public enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "unexpected error (a bug, or the machine: disk, memory); rerun with --debug and report the trace"),
  USAGE(2, "the command line was not understood; see bridge <command> --help"),
  CONFIG(3, "configuration, template or input rejected before any work started; fix the named file or key"),
  CONNECTION(4, "a database, the destination or a bridge table could not be reached or refused a statement; check url, credentials, network, grants"),
  RUN_FAILED(5, "the run finished but some queries or events failed; the others were written (see the summary, or bridge events --status failed)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The code of a failure: its {@link BridgeException} (anywhere in the cause chain) decides. */
  public static ExitCode of(Throwable t) {
    if (t instanceof UsageException) {
      return USAGE;
    }
    BridgeException b = bridgeCause(t);
    if (b != null) {
      return switch (b.errorClass()) {
        case CONFIG, TEMPLATE, VALIDATION, PERMISSION_DENIED, DELETE_LIMIT -> b instanceof UsageException ? USAGE : CONFIG;
        case CONNECTION, DATABASE, TRANSIENT, OUTCOME_UNKNOWN -> CONNECTION;
        case RUN_FAILED -> RUN_FAILED;
        case INTERNAL -> INTERNAL;
      };
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SQLException) {
        return CONNECTION;
      }
    }
    return INTERNAL;
  }

  /** The first {@link BridgeException} in the cause chain (Spark wraps what a task threw), or null. */
  static BridgeException bridgeCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof BridgeException b) {
        return b;
      }
    }
    return null;
  }
}
