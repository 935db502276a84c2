package com.kwp.bridge.logging;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The fields a log line carries in the JSON format (run, job run, country, query, event), set on the
 * thread doing the work and removed when the scope closes.
 */
public final class LogContext implements AutoCloseable {
  public static final String RUN_ID = "run_id";
  public static final String JOB_RUN_ID = "job_run_id";
  public static final String COUNTRY = "country";
  public static final String QUERY = "query";
  public static final String EVENT_ID = "event_id";

  private final List<String> keys = new ArrayList<>();

  private LogContext() {}

  /** Opens a scope with {@code key, value, key, value, ...}; null values are left out. */
  public static LogContext with(String... keyValues) {
    LogContext c = new LogContext();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        MDC.put(keyValues[i], keyValues[i + 1]);
        c.keys.add(keyValues[i]);
      }
    }
    return c;
  }

  @Override
  public void close() {
    keys.forEach(MDC::remove);
  }
}
