package com.kwp.bridge.sync;

import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.ErrorClass;
import java.sql.SQLException;

/**
 * Finds the bridge's own exception inside Spark's wrappers: a failed task arrives on the driver as a
 * (checked) SparkException whose cause chain holds the executor's exception. A raw SQLException in the
 * chain is classified by the dialect, so a transient error raised inside a task is retried like one raised
 * on the driver.
 */
final class Failures {
  private Failures() {}

  static BridgeException unwrap(Throwable t, SqlDialect dialect) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BridgeException b) {
        return b;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        return new DatabaseException("apply event", null, s, dialect.isTransient(s));
      }
    }
    String msg = oneLine(t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage());
    if (t instanceof org.apache.spark.sql.AnalysisException) {
      return new BridgeException(ErrorClass.VALIDATION, msg, t);
    }
    return new BridgeException(ErrorClass.INTERNAL, msg, t);
  }

  /** The first line of a message (Spark's carry the driver stack trace after it). */
  static String oneLine(String m) {
    if (m == null) {
      return null;
    }
    String s = m.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}
