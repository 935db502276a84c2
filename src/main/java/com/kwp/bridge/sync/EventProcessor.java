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
import com.kwp.bridge.security.Principal;
import com.kwp.bridge.security.SourceName;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * Decides one event's fate: authenticate its principal, validate, check source and target grants, apply
 * with retries (transient failures only, wherever raised: driver or executor task), and turn the result
 * into a status row plus audit records. Never throws for a bad event, whatever the exception (checked ones
 * from Spark included): the stream goes on. Only JVM {@link Error}s pass.
 */
public final class EventProcessor {
  private static final Logger LOG = Logger.getLogger(EventProcessor.class.getName());
  private static final int MAX_MESSAGE = 4000;
  private final EventApplier applier;
  private final PrincipalResolver principals;
  private final List<SourceName> bridgeOwned;
  private final Retrier retrier;
  private final RunContext run;

  public EventProcessor(EventApplier applier, PrincipalResolver principals, List<SourceName> bridgeOwned, Retrier retrier, RunContext run) {
    this.applier = applier;
    this.principals = principals;
    this.bridgeOwned = List.copyOf(bridgeOwned);
    this.retrier = retrier;
    this.run = run;
  }

  /** Processes {@code e}; audit records go to {@code audit}. */
  public EventOutcome process(SparkSession spark, SyncEvent e, Consumer<AuditRecord> audit) {
    Instant started = Instant.now();
    try {
      return decide(spark, e, audit, started);
    } catch (Exception unexpected) {
      BridgeException b = Failures.unwrap(unexpected, applier.dialect());
      LOG.warning(() -> "event " + e.eventId() + " failed unexpectedly (" + b.errorClass() + "): " + scrub(b.getMessage()));
      audit.accept(record(e, e.commitUser(), AuditRecord.FAILED, e.operation(), "failed", null, b.getMessage()));
      return outcome(e, EventStatus.FAILED, 1, null, null, b, started);
    }
  }

  private EventOutcome decide(SparkSession spark, SyncEvent e, Consumer<AuditRecord> audit, Instant started) {
    Principal principal;
    try {
      principal = principals.resolve(e);
    } catch (PermissionDeniedException ex) {
      String who = principals.mode() == com.kwp.bridge.config.SyncConfig.Identity.DECLARED ? e.requestedBy() : e.commitUser();
      audit.accept(record(e, who, AuditRecord.DENIED, e.operation(), "rejected", null, ex.getMessage()));
      return outcome(e, EventStatus.REJECTED, 0, null, null, ex, started);
    }
    String who = principal.identity();
    ValidEvent v;
    try {
      v = EventValidator.validate(e);
    } catch (BridgeException ex) {
      audit.accept(record(e, who, AuditRecord.FAILED, e.operation(), "invalid", null, ex.getMessage()));
      return outcome(e, EventStatus.FAILED, 0, null, null, ex, started);
    }
    boolean dryRun = v.options().dryRun();
    Grant grant;
    try {
      grant = authorize(principal, v);
    } catch (PermissionDeniedException ex) {
      if (dryRun) {
        audit.accept(record(e, who, AuditRecord.PREVIEWED, v.operation().name(), "previewed", null, "the real run would be rejected: " + ex.getMessage()));
        return outcome(e, EventStatus.PREVIEWED, 0, null, null, ex, started);
      }
      audit.accept(record(e, who, AuditRecord.DENIED, v.operation().name(), "rejected", null, ex.getMessage()));
      return outcome(e, EventStatus.REJECTED, 0, null, null, ex, started);
    }
    audit.accept(record(e, who, AuditRecord.GRANTED, v.operation().name(), "granted", null,
        "principal " + principal.label() + ", access " + grant.access().name().toLowerCase() + " via grant on " + grant.table()));
    AtomicInteger attempts = new AtomicInteger(1);
    try {
      EventApplier.Result r = retrier.run("event " + e.eventId(), () -> attempt(spark, v, grant, principal), next -> {
        attempts.set(next);
        audit.accept(record(e, who, AuditRecord.RETRIED, v.operation().name(), "retrying", null, "attempt " + next + " after a transient failure"));
      });
      String type = dryRun ? AuditRecord.PREVIEWED : r.alreadyApplied() ? AuditRecord.RECONCILED : AuditRecord.APPLIED;
      String detail = r.alreadyApplied() ? "already in the applied-events ledger; status reconciled, nothing re-applied"
          : (dryRun ? "dry run, rolled back: " : "") + counted(v.operation(), r.counts()) + "source version " + r.sourceVersion()
              + ", rows expected " + r.rowsExpected() + ", rows affected " + r.rowsAffected();
      EventStatus done = dryRun ? EventStatus.PREVIEWED : EventStatus.COMPLETED;
      audit.accept(record(e, who, type, v.operation().name(), done.value(), r.rowsAffected(), detail));
      return outcome(e, done, attempts.get(), r.rowsExpected(), r.rowsAffected(), null, started, r.counts());
    } catch (RuntimeException ex) {
      BridgeException b = Failures.unwrap(ex, applier.dialect());
      if (dryRun) {
        audit.accept(record(e, who, AuditRecord.PREVIEWED, v.operation().name(), "previewed", null, "the real run would fail: " + b.getMessage()));
        return outcome(e, EventStatus.PREVIEWED, attempts.get(), null, null, b, started);
      }
      EventStatus status = b.errorClass() == ErrorClass.DELETE_LIMIT ? EventStatus.REJECTED : EventStatus.FAILED;
      LOG.warning(() -> "event " + e.eventId() + " " + status.value() + " (" + b.errorClass() + "): " + scrub(b.getMessage()));
      audit.accept(record(e, who, status == EventStatus.REJECTED ? AuditRecord.DENIED : AuditRecord.FAILED, v.operation().name(),
          status.value(), null, b.getMessage()));
      return outcome(e, status, attempts.get(), null, null, b, started);
    }
  }

  /** Target outside the bridge's schemas and granted for writing; source not the bridge's own and granted for reading. */
  private Grant authorize(Principal p, ValidEvent v) {
    if (applier.isBridgeSchema(v.target())) {
      throw new PermissionDeniedException("target " + v.target().quotedParts() + " is in the bridge's ledger or staging schema, which is never a target");
    }
    for (SourceName own : bridgeOwned) {
      if (v.source().within(own)) {
        throw new PermissionDeniedException("source " + v.source() + " is one of the bridge's own tables (events, status, audit, extract runs,"
            + " checkpoint), which are never a source");
      }
    }
    Permissions.requireRead(p, v.source());
    Grant grant = Permissions.requireWrite(p, v.target(), applier.dialect().names().identifiersCaseSensitive());
    if (v.operation() == Operation.REPLACE) {
      Permissions.checkReplace(p, v.target(), grant);
    }
    return grant;
  }

  /** One attempt; Spark-wrapped failures (checked SparkException from a task included) are unwrapped so the retrier sees transient ones. */
  private EventApplier.Result attempt(SparkSession spark, ValidEvent v, Grant grant, Principal p) {
    try {
      return applier.apply(spark, v, grant, p.label());
    } catch (OutcomeUnknownException unknown) {
      // The ledger (read in apply) says it was not applied, so the transaction rolled back: safe to retry.
      throw new DatabaseException("apply event " + v.id() + " (commit outcome unknown, ledger shows not applied)", null,
          new SQLException(unknown.getMessage(), "08006"), true);
    } catch (Exception ex) {
      throw Failures.unwrap(ex, applier.dialect());
    }
  }

  private static String counted(Operation op, RowCounts counts) {
    String known = counts.describe(op);
    return known.isEmpty() ? "" : known + "; ";
  }

  private String scrub(String text) {
    return applier.scrub(text);
  }

  private AuditRecord record(SyncEvent e, String principal, String type, String action, String outcome, Long rows, String detail) {
    String context = "requested_by " + e.requestedBy() + ", commit identity " + e.commitUser() + ", source " + e.sourceTable() + ", target "
        + e.targetTable() + ": ";
    return new AuditRecord(Instant.now(), type, principal, e.targetTable(), action, outcome, rows, e.eventId(), run.jobRunId(),
        clip(scrub(context + detail)));
  }

  private EventOutcome outcome(SyncEvent e, EventStatus s, int attempts, Long expected, Long affected, BridgeException ex, Instant started) {
    return outcome(e, s, attempts, expected, affected, ex, started, null);
  }

  private EventOutcome outcome(SyncEvent e, EventStatus s, int attempts, Long expected, Long affected, BridgeException ex, Instant started,
      RowCounts counts) {
    return new EventOutcome(e.eventId(), e.operation(), e.targetTable(), e.requestedBy(), s, attempts, expected, affected,
        ex == null ? null : ex.errorClass().name(), ex == null ? null : clip(scrub(Failures.oneLine(ex.getMessage()))), e.commitUser(),
        started, Instant.now(), run.jobRunId(), e.commitVersion() < 0 ? null : e.commitVersion(), counts);
  }

  static String clip(String s) {
    return s == null || s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
  }

  /** Convenience for callers that want the list. */
  public static List<AuditRecord> synchronizedList() {
    return java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  }
}
