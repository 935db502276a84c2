package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.Config;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code sync} block, parsed and validated once.
 *
 * @param trigger          available-now or interval (sync.trigger)
 * @param checkpoint       streaming checkpoint location, null when not configured (sync.checkpoint)
 * @param parallelTables   how many target tables are applied at once (sync.parallel-tables)
 * @param stagingSchema    bridge-owned schema in the target for staging tables (sync.staging-schema)
 * @param ledgerSchema     schema of the applied_events ledger (sync.ledger-schema)
 * @param bulkBatchSize    rows per bulk-copy batch on SQL Server (sync.bulk.batch-size)
 * @param bulkTimeout      bulk-copy timeout per partition, 0 = none (sync.bulk.timeout)
 * @param maxEventsPerBatch upper bound of event files per micro-batch (sync.max-files-per-trigger)
 * @param identity         who an event's principal is: the Delta commit's user (commit, the default) or, for
 *                         local runs only, the row's requested_by (declared) (sync.identity)
 * @param stagingGrace     a staging table younger than this is never dropped as a leftover (sync.staging-grace)
 * @param failOnEventErrors available-now runs fail at the end when an event failed (sync.fail-on-event-errors)
 * @param retry            transient retry policy (sync.retry.*)
 * @param directInsert     INSERT events load straight into the target in one transaction (sync.bulk.insert = direct, the
 *                         default) instead of staging in parallel and then INSERT ... SELECT (staged)
 * @param truncateReplace  REPLACE empties the target by TRUNCATE inside its transaction instead of DELETE
 *                         (sync.bulk.replace = truncate; default delete)
 */
public record SyncConfig(
    TriggerSpec trigger,
    String checkpoint,
    int parallelTables,
    String stagingSchema,
    String ledgerSchema,
    int bulkBatchSize,
    Duration bulkTimeout,
    int maxEventsPerBatch,
    Identity identity,
    Duration stagingGrace,
    boolean failOnEventErrors,
    Retry retry,
    boolean directInsert,
    boolean truncateReplace) implements Serializable {

  /** How the principal of an event is established. */
  public enum Identity {
    /** The authenticated user of the Delta commit that added the event (Unity Catalog's commitInfo.userName). */
    COMMIT,
    /** The row's requested_by, unauthenticated: only for local runs where open-source Delta records no user. */
    DECLARED;

    static Identity parse(String text) {
      for (Identity i : values()) {
        if (i.name().equalsIgnoreCase(text.trim())) {
          return i;
        }
      }
      throw new ConfigException("sync.identity must be commit or declared, got '" + text + "'");
    }
  }

  /** sync.retry: attempts and backoff bounds (validated again by the jdbc layer's RetryPolicy). */
  public record Retry(int maxAttempts, Duration baseDelay, Duration maxDelay) implements Serializable {
    public Retry {
      ConfigException.check(maxAttempts >= 1, "sync.retry.max-attempts must be >= 1, got %d", maxAttempts);
      ConfigException.check(baseDelay.compareTo(maxDelay) <= 0, "sync.retry.base-delay %s exceeds sync.retry.max-delay %s", baseDelay, maxDelay);
    }
  }

  static final Set<String> KEYS = Set.of("trigger", "checkpoint", "parallel-tables", "staging-schema", "ledger-schema", "bulk",
      "max-files-per-trigger", "identity", "staging-grace", "fail-on-event-errors", "retry");

  public SyncConfig {
    ConfigException.check(parallelTables >= 1, "sync.parallel-tables must be >= 1, got %d", parallelTables);
    ConfigException.check(bulkBatchSize >= 1, "sync.bulk.batch-size must be >= 1, got %d", bulkBatchSize);
    ConfigException.check(maxEventsPerBatch >= 1, "sync.max-files-per-trigger must be >= 1, got %d", maxEventsPerBatch);
    ConfigException.check(!bulkTimeout.isNegative(), "sync.bulk.timeout must not be negative");
    ConfigException.check(stagingSchema != null && !stagingSchema.isBlank(), "sync.staging-schema is empty");
    ConfigException.check(ledgerSchema != null && !ledgerSchema.isBlank(), "sync.ledger-schema is empty");
    ConfigException.check(identity != null, "sync.identity is not set");
    ConfigException.check(!stagingGrace.isNegative(), "sync.staging-grace must not be negative");
  }

  /** Reads {@code sync}; unknown keys fail so a typo never silently falls back to a default. */
  public static SyncConfig from(Config c) {
    checkKnown(c, "sync", KEYS);
    checkKnown(c, "sync.bulk", Set.of("batch-size", "timeout", "insert", "replace"));
    checkKnown(c, "sync.retry", Set.of("max-attempts", "base-delay", "max-delay"));
    try {
      return new SyncConfig(
          TriggerSpec.parse(c.getString("sync.trigger")),
          ConfigLoader.optionalString(c, "sync.checkpoint"),
          c.getInt("sync.parallel-tables"),
          c.getString("sync.staging-schema"),
          c.getString("sync.ledger-schema"),
          c.getInt("sync.bulk.batch-size"),
          c.getDuration("sync.bulk.timeout"),
          c.getInt("sync.max-files-per-trigger"),
          Identity.parse(c.getString("sync.identity")),
          c.getDuration("sync.staging-grace"),
          c.getBoolean("sync.fail-on-event-errors"),
          new Retry(c.getInt("sync.retry.max-attempts"), c.getDuration("sync.retry.base-delay"), c.getDuration("sync.retry.max-delay")),
          insertMode(c.getString("sync.bulk.insert")),
          replaceMode(c.getString("sync.bulk.replace")));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("sync configuration: " + e.getMessage(), e);
    }
  }

  public SyncConfig withTrigger(TriggerSpec t) {
    return new SyncConfig(t, checkpoint, parallelTables, stagingSchema, ledgerSchema, bulkBatchSize, bulkTimeout, maxEventsPerBatch,
        identity, stagingGrace, failOnEventErrors, retry, directInsert, truncateReplace);
  }

  public SyncConfig withCheckpoint(String cp) {
    return new SyncConfig(trigger, cp, parallelTables, stagingSchema, ledgerSchema, bulkBatchSize, bulkTimeout, maxEventsPerBatch,
        identity, stagingGrace, failOnEventErrors, retry, directInsert, truncateReplace);
  }

  public SyncConfig withIdentity(Identity i) {
    return new SyncConfig(trigger, checkpoint, parallelTables, stagingSchema, ledgerSchema, bulkBatchSize, bulkTimeout, maxEventsPerBatch,
        i, stagingGrace, failOnEventErrors, retry, directInsert, truncateReplace);
  }

  private static boolean insertMode(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "direct" -> true;
      case "staged" -> false;
      default -> throw new ConfigException("sync.bulk.insert must be direct or staged, got '" + text + "'");
    };
  }

  private static boolean replaceMode(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "delete" -> false;
      case "truncate" -> true;
      default -> throw new ConfigException("sync.bulk.replace must be delete or truncate, got '" + text + "'");
    };
  }

  static void checkKnown(Config c, String section, Set<String> known) {
    List<String> unknown = ConfigLoader.keysUnder(c, section).stream().filter(k -> !known.contains(k)).sorted().toList();
    ConfigException.check(unknown.isEmpty(), "Unknown key(s) %s under %s; known keys: %s", unknown, section, known.stream().sorted().toList());
  }
}
