package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.ConnectionConfigs;
import com.kwp.bridge.config.PermissionsLoader;
import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.sync.BridgeOperator;
import com.kwp.bridge.sync.EventSubmitter;
import com.kwp.bridge.sync.SubmitChecks;
import com.kwp.bridge.sync.SyncEngine;
import com.kwp.bridge.sync.SyncEvent;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code submit-event}: checks what can be checked now (shape, filter, principal, source and target grants,
 * source exists), appends the event to the events table, prints its id. With {@code --event-id} a
 * resubmission of the same event appends nothing (idempotent).
 */
final class SubmitEventCommand extends OptionsCommand {
  static final List<Opt> OPTIONS = List.of(
      Opt.required("config-path", "dir", "folder with common.conf (tables.events) and permissions.conf"),
      Opt.required("operation", "op", "INSERT, UPDATE, UPSERT, DELETE or REPLACE"),
      Opt.required("source", "table", "source Delta table (name or path) granted to the principal"),
      Opt.required("target", "table", "target table, schema.table or database.schema.table"),
      Opt.repeated("key", "column", "primary key column (repeat for composite keys; required except for INSERT)"),
      Opt.optional("filter", "predicate", "predicate on the source's columns (see the README, Security)"),
      Opt.optional("principal", "name", "who asks: an identity or display name of permissions.conf (default: the session's user)"),
      Opt.optional("event-id", "id", "the event's id (letters, digits, '-', '_'); resubmitting the same event is a no-op"),
      Opt.flag("dry-run", "preview: every check and statement, then a rollback (sets option dry_run=true)"),
      Opt.repeated("option", "k=v", "event option (repeatable)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence"));

  SubmitEventCommand() {
    super("submit-event", "check a sync event and append it to the events table", OPTIONS);
  }

  @Override
  void run(Parsed p) {
    Config config = CommandLine.loadConfig(p, null);
    Map<String, String> options = options(p.all("option"));
    if (p.has("dry-run")) {
      options.put(com.kwp.bridge.sync.EventOptions.DRY_RUN, "true");
    }
    p.get("event-id").ifPresent(id -> ValidationException.check(com.kwp.bridge.sync.EventValidator.validId(id),
        "--event-id '%s' is not valid: use letters, digits, '-' or '_' (at most 64 characters)", id));
    TablesConfig tables = TablesConfig.from(config);
    SyncConfig sync = SyncConfig.from(config);
    SubmitChecks checks = new SubmitChecks(PermissionsLoader.load(Path.of(p.require("config-path"))), sync,
        SyncEngine.bridgeOwned(tables, sync, ExtractConfig.runsTable(config).stream().toList()), targetCaseSensitive(config));
    SparkSession spark = SparkSessions.obtain("bridge-submit-event");
    try {
      String principal = p.get("principal").orElseGet(() -> BridgeOperator.currentUser(spark));
      SyncEvent e = EventSubmitter.newEvent(p.require("operation"), p.require("source"), p.require("target"),
          p.all("key").isEmpty() ? null : p.all("key"), p.get("filter").orElse(null), principal, options);
      if (p.get("event-id").isPresent()) {
        e = EventSubmitter.withId(e, p.get("event-id").get());
      }
      String id = new EventSubmitter(TableRef.of(tables.events())).submitChecked(spark, e, checks);
      System.out.println(id);
    } finally {
      SparkSessions.releaseIfLocal(spark);
    }
  }

  static Map<String, String> options(List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : pairs) {
      int eq = kv.indexOf('=');
      ValidationException.check(eq > 0, "--option '%s' is not key=value", kv);
      out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
    }
    return out;
  }

  /** The target's identifier comparison when a target is configured here; lenient otherwise (SyncJob checks exactly). */
  private static boolean targetCaseSensitive(Config config) {
    try {
      return Dialects.forUrl(ConnectionConfigs.from(config, "target").url()).names().identifiersCaseSensitive();
    } catch (RuntimeException notConfigured) {
      return false;
    }
  }
}
