package com.kwp.bridge.sync;

import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;

/** Finds the bridge's own exception inside Spark's wrappers (a failed task arrives as a SparkException). */
final class Failures {
  private Failures() {}

  static BridgeException unwrap(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BridgeException b) {
        return b;
      }
    }
    String msg = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    if (t instanceof org.apache.spark.sql.AnalysisException) {
      return new BridgeException(ErrorClass.VALIDATION, msg, t);
    }
    return new BridgeException(ErrorClass.INTERNAL, msg, t);
  }
}
