package com.kwp.bridge.cli;

import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.security.Redactor;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;

/**
 * What a person sees when a command fails: {@code error: <one line>} and a {@code hint:} line; the stack
 * trace only with {@code --debug} or {@code BRIDGE_DEBUG=1}. The same first line heads the exception a
 * Databricks job task throws, so the run page shows it too.
 */
final class ErrorReport {
  private ErrorReport() {}

  /** The one-line message of a failure (the bridge's own message when there is one), credentials masked. */
  static String message(Throwable t) {
    BridgeException b = ExitCode.bridgeCause(t);
    String text;
    if (b != null) {
      text = b.getMessage();
    } else {
      SQLException sql = sqlCause(t);
      text = sql != null
          ? "database error: " + sql.getMessage() + " [SQLState " + sql.getSQLState() + "]"
          : "internal error: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
    return Redactor.scrub(firstLine(text), List.of());
  }

  /** What to do next, by exit code; {@code command} is the subcommand typed (null when none). */
  static String hint(ExitCode code, String command) {
    String help = command == null ? "bridge help" : "bridge " + command + " --help";
    return switch (code) {
      case OK -> "";
      case USAGE -> help + " lists the options";
      case CONFIG -> "fix the file or key named above; bridge show-params shows the resolved settings";
      // each fits a 120-column line with the --debug remark after it
      case CONNECTION -> "check both ends: bridge test-connection --config-path <dir> [--destination <d>]";
      case RUN_FAILED -> "the lines above name each failed query or event and why; the log has them in full";
      case INTERNAL -> "rerun with --debug (or BRIDGE_DEBUG=1) and report the stack trace";
    };
  }

  /** Prints the report; returns the exit code. */
  static ExitCode print(Throwable t, String command, boolean debug, PrintStream err) {
    ExitCode code = ExitCode.of(t);
    err.println("error: " + message(t));
    err.println("hint: " + hint(code, command) + (debug || code == ExitCode.INTERNAL ? "" : " (--debug shows the stack trace)"));
    if (debug) {
      t.printStackTrace(err);
    }
    return code;
  }

  /**
   * The exception a job main throws on Databricks: the bridge's own exceptions as they are (their message's
   * first line is already the one-line message); anything else wrapped so the run page's first line says it.
   */
  static RuntimeException forJob(Exception e) {
    if (e instanceof BridgeException b) {
      return b;
    }
    BridgeException b = ExitCode.bridgeCause(e);
    return new BridgeException(b == null ? ErrorClass.INTERNAL : b.errorClass(), message(e), e);
  }

  private static SQLException sqlCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String trimmed = s.strip();
    int nl = trimmed.indexOf('\n');
    return (nl < 0 ? trimmed : trimmed.substring(0, nl)).strip();
  }
}
