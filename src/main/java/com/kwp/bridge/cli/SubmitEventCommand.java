package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.sync.EventSubmitter;
import com.kwp.bridge.sync.SyncEvent;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** {@code submit-event}: validates an event, appends it to the events table, prints its id. */
final class SubmitEventCommand extends OptionsCommand {
  static final List<Opt> OPTIONS = List.of(
      Opt.required("config-path", "dir", "folder with common.conf (tables.events)"),
      Opt.required("operation", "op", "INSERT, UPDATE, UPSERT or DELETE"),
      Opt.required("source", "table", "source Delta table (name or path)"),
      Opt.required("target", "table", "target table, [database.]schema.table"),
      Opt.repeated("key", "column", "primary key column (repeat for composite keys; required except for INSERT)"),
      Opt.optional("filter", "predicate", "Spark SQL predicate on the source's columns"),
      Opt.required("principal", "name", "who asks (a principal of permissions.conf)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence"));

  SubmitEventCommand() {
    super("submit-event", "validate a sync event and append it to the events table", OPTIONS);
  }

  @Override
  void run(Parsed p) {
    var config = CommandLine.loadConfig(p, null);
    SyncEvent e = EventSubmitter.newEvent(p.require("operation"), p.require("source"), p.require("target"),
        p.all("key").isEmpty() ? null : p.all("key"), p.get("filter").orElse(null), p.require("principal"), Map.of());
    SparkSession spark = SparkSessions.obtain("bridge-submit-event");
    try {
      String id = new EventSubmitter(TableRef.of(TablesConfig.from(config).events())).submit(spark, e);
      System.out.println(id);
    } finally {
      SparkSessions.releaseIfLocal(spark);
    }
  }
}
