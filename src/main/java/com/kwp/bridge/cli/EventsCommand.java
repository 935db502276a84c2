package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.TablesConfig;
import com.kwp.bridge.error.ValidationException;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.spark.SparkSessions;
import com.kwp.bridge.sync.StatusStore;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code events}: lists event statuses, or shows one event. */
final class EventsCommand extends OptionsCommand {
  static final List<Opt> OPTIONS = List.of(
      Opt.required("config-path", "dir", "folder with common.conf (tables.events, tables.status)"),
      Opt.optional("id", "event id", "show this event only"),
      Opt.optional("status", "s", "only events with this status: pending, running, completed, failed, rejected"),
      Opt.optional("limit", "n", "at most n events (default 20)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence"));

  EventsCommand() {
    super("events", "list sync events and their status, or show one (--id)", OPTIONS);
  }

  @Override
  void run(Parsed p) {
    TablesConfig tables = TablesConfig.from(CommandLine.loadConfig(p, null));
    int limit = p.get("limit").map(Integer::parseInt).orElse(20);
    SparkSession spark = SparkSessions.obtain("bridge-events");
    try {
      StatusStore store = new StatusStore(TableRef.of(tables.status()), TableRef.of(tables.events()));
      if (p.get("id").isPresent()) {
        Row r = store.get(spark, p.get("id").get())
            .orElseThrow(() -> new ValidationException("No event with id " + p.get("id").get() + " in " + tables.events()));
        System.out.println(format(r, true));
      } else {
        store.list(spark, p.get("status").orElse(null), limit).forEach(r -> System.out.println(format(r, false)));
      }
    } finally {
      SparkSessions.releaseIfLocal(spark);
    }
  }

  /** One line per event, or every field when {@code full}. */
  static String format(Row r, boolean full) {
    if (!full) {
      return String.format("%-36s %-9s %-6s %-30s rows=%s %s", r.getAs("event_id"), r.getAs("status"), r.getAs("operation"),
          r.getAs("target_table"), r.getAs("rows_affected"), r.getAs("error_class") == null ? "" : r.getAs("error_class"));
    }
    StringBuilder sb = new StringBuilder();
    for (String f : r.schema().fieldNames()) {
      sb.append(String.format("%-26s %s%n", f, r.getAs(f) == null ? "" : r.getAs(f)));
    }
    return sb.toString();
  }
}
