package com.kwp.bridge.sync;

import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.error.PermissionDeniedException;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.security.FilterPolicy;
import com.kwp.bridge.security.Permissions;
import com.kwp.bridge.security.Principal;
import com.kwp.bridge.security.SourceName;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code submit-event} can check before appending, so a producer hears at once what SyncJob would
 * refuse: the event's shape and filter, the principal it names is in permissions.conf, the source exists
 * (its columns are what the filter may use), is granted to that principal and is not a bridge table, and
 * the target is granted for writing and outside the bridge's schemas. SyncJob checks everything again
 * (and authenticates the principal from the commit). Messages never name the generated event id, which
 * is not stored when a check fails.
 */
public final class SubmitChecks {
  private final Permissions permissions;
  private final SyncConfig config;
  private final List<SourceName> bridgeOwned;
  private final boolean caseSensitive;

  /** {@code caseSensitive}: how the target compares identifiers when known; false (lenient) when the target is not configured here. */
  public SubmitChecks(Permissions permissions, SyncConfig config, List<SourceName> bridgeOwned, boolean caseSensitive) {
    this.permissions = permissions;
    this.config = config;
    this.bridgeOwned = List.copyOf(bridgeOwned);
    this.caseSensitive = caseSensitive;
  }

  /** Throws a {@link BridgeException} (validation or permission) saying what to fix. */
  public void check(SparkSession spark, SyncEvent e) {
    try {
      checkAll(spark, e);
    } catch (BridgeException ex) {
      String msg = ex.getMessage().replace("event " + e.eventId() + ": ", "");
      throw ex.errorClass() == ErrorClass.VALIDATION ? new ValidationException(msg) : new PermissionDeniedException(ex.errorClass(), msg);
    }
  }

  private void checkAll(SparkSession spark, SyncEvent e) {
    ValidEvent v = EventValidator.validate(e);
    ValidationException.check(e.requestedBy() != null && !e.requestedBy().isBlank(), "no principal given: pass --principal");
    Principal p = permissions.byDeclaredName(e.requestedBy()).orElseThrow(() -> new PermissionDeniedException("principal '" + e.requestedBy()
        + "' is not in permissions.conf; ask the bridge owners to add it (keyed by the identity Databricks records for your commits)."));
    for (SourceName own : bridgeOwned) {
      if (v.source().within(own)) {
        throw new PermissionDeniedException("source " + v.source() + " is one of the bridge's own tables, which are never a source");
      }
    }
    Permissions.requireRead(p, v.source());
    TableRef source = TableRef.of(e.sourceTable());
    boolean exists;
    try {
      exists = source.exists(spark);
    } catch (RuntimeException ex) {
      exists = false;
    }
    ValidationException.check(exists, "source %s does not exist or is not a Delta table this session can read", e.sourceTable());
    if (e.sourceFilter() != null && !e.sourceFilter().isBlank()) {
      FilterPolicy.check(e.sourceFilter(), Arrays.asList(source.read(spark).columns()));
    }
    if (v.target().inSchema(config.ledgerSchema(), caseSensitive) || v.target().inSchema(config.stagingSchema(), caseSensitive)) {
      throw new PermissionDeniedException("target " + v.target().quotedParts() + " is in the bridge's ledger or staging schema, which is never a target");
    }
    Permissions.requireWrite(p, v.target(), caseSensitive);
  }
}
