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
      Opt.optional("status", "s", "only events with this status: pending, completed, failed, rejected, previewed"),
      Opt.optional("limit", "n", "at most n events (default 20)"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence"));

  EventsCommand() {
    super("events", "list sync events and their status, or show one (--id)", OPTIONS);
  }

  static final List<String> STATUSES = List.of(
      "pending", "completed", "failed", "rejected", "previewed", "running"); // running: rows of status tables written before SyncJob stopped writing it

  @Override
  void run(Parsed p) {
    int limit = limit(p.get("limit").orElse("20"));
    String status = p.get("status").map(s -> s.trim().toLowerCase(java.util.Locale.ROOT)).orElse(null);
    if (status != null && !STATUSES.contains(status)) {
      throw new UsageException("--status must be one of " + String.join(", ", STATUSES) + "; got '" + p.get("status").get() + "'");
    }
    TablesConfig tables = TablesConfig.from(CommandLine.loadConfig(p, null));
    SparkSession spark = SparkSessions.obtain("bridge-events");
    try {
      TableRef events = TableRef.of(tables.events());
      if (!exists(spark, events)) {
        throw new ValidationException("events table " + tables.events() + " does not exist yet (nothing was submitted there);"
            + " check tables.events in " + p.require("config-path") + " or submit an event first.");
      }
      StatusStore store = new StatusStore(TableRef.of(tables.status()), events);
      if (p.get("id").isPresent()) {
        Row r = store.get(spark, p.get("id").get())
            .orElseThrow(() -> new ValidationException("No event with id " + p.get("id").get() + " in " + tables.events()));
        System.out.println(format(r, true));
      } else {
        store.list(spark, status, limit).forEach(r -> System.out.println(format(r, false)));
      }
    } finally {
      SparkSessions.releaseIfLocal(spark);
    }
  }

  static int limit(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--limit must be a whole number of at least 1, got '" + value + "'");
  }

  private static boolean exists(SparkSession spark, TableRef t) {
    try {
      return t.exists(spark);
    } catch (RuntimeException e) {
      // e.g. a three-part Unity Catalog name on a local session: not there
      return false;
    }
  }

  /** One line per event (a failed or rejected one with its error class and the start of its message), or every field when {@code full}. */
  static String format(Row r, boolean full) {
    if (!full) {
      Object rows = r.getAs("rows_affected");
      String error = r.getAs("error_class") == null ? "" : r.getAs("error_class") + ": " + shorten(r.getAs("error_message"), 70);
      return String.format("%-36s %-9s %-7s %-30s rows=%s%s %s", r.getAs("event_id"), r.getAs("status"), r.getAs("operation"),
          r.getAs("target_table"), rows == null ? "-" : rows, split(r), error).stripTrailing();
    }
    StringBuilder sb = new StringBuilder();
    for (String f : r.schema().fieldNames()) {
      sb.append(String.format("%-26s %s%n", f, r.getAs(f) == null ? "" : r.getAs(f)));
    }
    return sb.toString();
  }

  /** {@code  (+inserted ~updated -deleted)} where the status row has them (older rows do not). */
  private static String split(Row r) {
    java.util.List<String> names = java.util.Arrays.asList(r.schema().fieldNames());
    if (!names.contains("rows_inserted")) {
      return "";
    }
    Object i = r.getAs("rows_inserted");
    Object u = r.getAs("rows_updated");
    Object d = r.getAs("rows_deleted");
    return i == null && u == null && d == null ? "" : " (+" + dash(i) + " ~" + dash(u) + " -" + dash(d) + ")";
  }

  private static String dash(Object n) {
    return n == null ? "?" : n.toString();
  }

  private static String shorten(Object message, int max) {
    if (message == null) {
      return "";
    }
    String s = message.toString().strip().lines().findFirst().orElse("");
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
