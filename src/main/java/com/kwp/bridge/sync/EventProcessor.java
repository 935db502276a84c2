package com.kwp.bridge.sync;

import com.kwp.bridge.audit.AuditRecord;
import com.kwp.bridge.audit.RunContext;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.error.OutcomeUnknownException;
import com.kwp.bridge.error.PermissionDeniedException;
import com.kwp.bridge.jdbc.Retrier;
import com.kwp.bridge.security.Grant;
import com.kwp.bridge.security.Permissions;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * Decides one event's fate: validate, check permissions, apply with retries (transient failures only), and
 * turn the result into a status row plus audit records. Never throws for a bad event: the stream goes on.
 */
public final class EventProcessor {
  private static final Logger LOG = Logger.getLogger(EventProcessor.class.getName());
  private static final int MAX_MESSAGE = 4000;
  private final EventApplier applier;
  private final Permissions permissions;
  private final Retrier retrier;
  private final RunContext run;

  public EventProcessor(EventApplier applier, Permissions permissions, Retrier retrier, RunContext run) {
    this.applier = applier;
    this.permissions = permissions;
    this.retrier = retrier;
    this.run = run;
  }

  /** Processes {@code e}; audit records go to {@code audit}. */
  public EventOutcome process(SparkSession spark, SyncEvent e, Consumer<AuditRecord> audit) {
    Instant started = Instant.now();
    ValidEvent v;
    try {
      v = EventValidator.validate(e);
    } catch (BridgeException ex) {
      audit.accept(record(e, AuditRecord.FAILED, e.operation(), "invalid", null, ex.getMessage()));
      return outcome(e, EventStatus.FAILED, 0, null, null, ex, started);
    }
    Grant grant;
    try {
      grant = permissions.requireWrite(v.principal(), v.target().toString());
    } catch (PermissionDeniedException ex) {
      audit.accept(record(e, AuditRecord.DENIED, v.operation().name(), "rejected", null, ex.getMessage()));
      return outcome(e, EventStatus.REJECTED, 0, null, null, ex, started);
    }
    audit.accept(record(e, AuditRecord.GRANTED, v.operation().name(), "granted", null,
        "access " + grant.access().name().toLowerCase() + " via grant on " + grant.table()));
    AtomicInteger attempts = new AtomicInteger(1);
    try {
      EventApplier.Result r = retrier.run("event " + e.eventId(), () -> attempt(spark, v, grant), next -> {
        attempts.set(next);
        audit.accept(record(e, AuditRecord.RETRIED, v.operation().name(), "retrying", null, "attempt " + next + " after a transient failure"));
      });
      String type = r.alreadyApplied() ? AuditRecord.RECONCILED : AuditRecord.APPLIED;
      String detail = r.alreadyApplied() ? "already in the applied-events ledger; status reconciled, nothing re-applied"
          : "source version " + r.sourceVersion() + ", rows expected " + r.rowsExpected() + ", rows affected " + r.rowsAffected();
      audit.accept(record(e, type, v.operation().name(), "completed", r.rowsAffected(), detail));
      return outcome(e, EventStatus.COMPLETED, attempts.get(), r.rowsExpected(), r.rowsAffected(), null, started);
    } catch (RuntimeException ex) {
      BridgeException b = Failures.unwrap(ex);
      EventStatus status = b.errorClass() == ErrorClass.DELETE_LIMIT ? EventStatus.REJECTED : EventStatus.FAILED;
      LOG.warning(() -> "event " + e.eventId() + " " + status.value() + " (" + b.errorClass() + "): " + b.getMessage());
      audit.accept(record(e, status == EventStatus.REJECTED ? AuditRecord.DENIED : AuditRecord.FAILED, v.operation().name(),
          status.value(), null, b.getMessage()));
      return outcome(e, status, attempts.get(), null, null, b, started);
    }
  }

  /** One attempt; Spark-wrapped failures are unwrapped so the retrier sees transient database errors. */
  private EventApplier.Result attempt(SparkSession spark, ValidEvent v, Grant grant) {
    try {
      return applier.apply(spark, v, grant);
    } catch (OutcomeUnknownException unknown) {
      // The ledger (read in apply) says it was not applied, so the transaction rolled back: safe to retry.
      throw new DatabaseException("apply event " + v.id() + " (commit outcome unknown, ledger shows not applied)", null,
          new SQLException(unknown.getMessage(), "08006"), true);
    } catch (RuntimeException ex) {
      BridgeException b = Failures.unwrap(ex);
      throw b;
    }
  }

  private AuditRecord record(SyncEvent e, String type, String action, String outcome, Long rows, String detail) {
    return new AuditRecord(Instant.now(), type, e.requestedBy(), e.targetTable(), action, outcome, rows, e.eventId(), run.jobRunId(), clip(detail));
  }

  private EventOutcome outcome(SyncEvent e, EventStatus s, int attempts, Long expected, Long affected, BridgeException ex, Instant started) {
    return new EventOutcome(e.eventId(), e.operation(), e.targetTable(), e.requestedBy(), s, attempts, expected, affected,
        ex == null ? null : ex.errorClass().name(), ex == null ? null : clip(ex.getMessage()), e.commitUser(), started, Instant.now(),
        run.jobRunId());
  }

  static String clip(String s) {
    return s == null || s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
  }

  /** Convenience for callers that want the list. */
  public static List<AuditRecord> synchronizedList() {
    return java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  }
}
