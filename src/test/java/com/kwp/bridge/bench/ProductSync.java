package com.kwp.bridge.bench;

import com.kwp.bridge.sync.BatchHandler;
import com.kwp.bridge.sync.BridgeOperator;
import com.kwp.bridge.sync.EventOutcome;
import com.kwp.bridge.sync.EventStatus;
import com.kwp.bridge.sync.SyncEngine;
import com.kwp.bridge.sync.SyncStream;
import com.kwp.bridge.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The bridge's sync path as production runs it: a conf folder (target URL, Delta tables, checkpoint,
 * permissions), the event appended through the operator API, then SyncJob's stream ({@link SyncStream#run},
 * what {@code SyncJob}'s main calls) with the available-now trigger. One events table and one checkpoint
 * for the whole benchmark, as in production.
 */
final class ProductSync implements BridgeSync {
  static final String PRINCIPAL = "bench";
  private final Path dir;
  private final String syncSettings;
  private Path conf;

  ProductSync(Path dir) {
    this(dir, "");
  }

  /** {@code syncSettings}: more HOCON for the {@code sync} section (e.g. the TDS run's own staging and ledger schemas). */
  ProductSync(Path dir, String syncSettings) {
    this.dir = dir;
    this.syncSettings = syncSettings;
  }

  @Override
  public Optional<String> unavailableReason() {
    return Optional.empty();
  }

  private Path conf(TestDatabase db, Path source) throws IOException {
    if (conf == null) {
      conf = Files.createDirectories(dir.resolve("conf"));
      Files.writeString(conf.resolve("common.conf"), String.join("\n",
          "target { url = \"" + db.url() + "\", username = \"" + db.connection().user() + "\""
              + (db.connection().password().isEmpty() ? "" : ", password = \"" + db.connection().password().reveal() + "\"") + " }",
          "tables {",
          "  events = \"" + dir.resolve("bridge_events") + "\"",
          "  status = \"" + dir.resolve("bridge_event_status") + "\"",
          "  audit = \"" + dir.resolve("bridge_audit") + "\"",
          "}",
          // Open-source Delta records no commit user: the bench takes the principal from requested_by.
          "sync { checkpoint = \"" + dir.resolve("checkpoint") + "\", identity = declared" + (syncSettings.isEmpty() ? "" : ", " + syncSettings)
              + " }", ""));
      Files.writeString(conf.resolve("permissions.conf"), "principals { \"" + PRINCIPAL + "@bench.local\" { name = " + PRINCIPAL
          + ", sources = [\"" + source.toAbsolutePath().getParent() + "/*\"], targets = [ { table = \"" + db.schema()
          + ".*\", access = read_write, max_delete_rows = 1000000000, replace = true } ] } }\n");
    }
    return conf;
  }

  private SyncEngine engine(TestDatabase db, String trigger, Path source) throws IOException {
    return engine(db, source, Map.of("sync.trigger", trigger));
  }

  private SyncEngine engine(TestDatabase db, Path source, Map<String, String> settings) throws IOException {
    return SyncEngine.fromConfig(conf(db, source), settings, "bench");
  }

  @Override
  public String submit(SparkSession spark, TestDatabase db, String operation, Path source, String target, List<String> keys) throws Exception {
    return new BridgeOperator(spark, engine(db, "available-now", source)).submitEvent(operation, source.toString(), db.schema() + "." + target,
        operation.equals("INSERT") ? null : keys, null, PRINCIPAL);
  }

  @Override
  public Applied run(SparkSession spark, TestDatabase db, String id, Path source, Map<String, String> settings) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("sync.trigger", "available-now");
    SyncEngine engine = engine(db, source, all);
    BatchHandler.RunSummary summary = SyncStream.run(spark, engine);
    EventOutcome o = summary.outcomes().stream().filter(e -> e.eventId().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalStateException("SyncJob's run did not process event " + id));
    if (o.status() != EventStatus.COMPLETED) {
      throw new IllegalStateException("bridge " + o.operation() + " event " + id + " " + o.status().value() + ": " + o.errorMessage());
    }
    double span = o.startedAt() == null || o.finishedAt() == null ? Double.NaN
        : Duration.between(o.startedAt(), o.finishedAt()).toMillis() / 1000.0;
    // a REPLACE is measured by the rows it writes, as its limit and baseline are (rows_affected adds the deleted ones)
    Long rows = o.operation().equals("REPLACE") ? o.counts().inserted() : o.rowsAffected();
    return new Applied(rows == null ? -1 : rows, span);
  }

  @Override
  public List<Duration> latencies(SparkSession spark, TestDatabase db, Path source, String target, int events) throws Exception {
    SyncEngine engine = engine(db, "interval:10s", source);
    BridgeOperator op = new BridgeOperator(spark, engine);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread job = new Thread(() -> {
      try {
        SyncStream.run(spark, engine);
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "bench-syncjob-10s");
    job.start();
    StreamingQuery query = awaitFirstBatch(spark, failure);
    List<Duration> out = new ArrayList<>();
    try {
      for (int i = 0; i < events; i++) {
        long t0 = System.nanoTime();
        String id = op.submitEvent("UPSERT", source.toString(), db.schema() + "." + target, Workload.KEYS, null, PRINCIPAL);
        long submitted = System.nanoTime();
        awaitCompleted(op, id, failure);
        out.add(Duration.ofNanos(System.nanoTime() - t0));
        // where a sample's time went: the producer's submit (checks and the append), then the wait for a trigger and its batch
        System.out.printf(java.util.Locale.ROOT, "[bench] latency sample %d: submit %.2f s, then %.2f s until completed (event %s)%n",
            i + 1, (submitted - t0) / 1e9, (System.nanoTime() - submitted) / 1e9, id);
      }
    } finally {
      query.stop();
      job.join(60_000);
    }
    return out;
  }

  /** Waits until the continuous SyncJob is running and its first (start-up) batch is behind it. */
  private static StreamingQuery awaitFirstBatch(SparkSession spark, AtomicReference<Throwable> failure) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      check(failure);
      for (StreamingQuery q : spark.streams().active()) {
        if ("bridge-sync".equals(q.name()) && q.lastProgress() != null) {
          return q;
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("SyncJob's continuous stream did not start within 2 minutes");
  }

  private static void awaitCompleted(BridgeOperator op, String id, AtomicReference<Throwable> failure) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      check(failure);
      Optional<Row> status = op.getSyncEvent(id);
      if (status.isPresent()) {
        String s = status.get().getAs("status");
        if ("completed".equals(s)) {
          return;
        }
        if ("failed".equals(s) || "rejected".equals(s)) {
          throw new IllegalStateException("latency event " + id + " " + s);
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("latency event " + id + " not completed within 2 minutes");
  }

  private static void check(AtomicReference<Throwable> failure) {
    if (failure.get() != null) {
      throw new IllegalStateException("SyncJob's continuous run failed: " + failure.get().getMessage(), failure.get());
    }
  }
}
