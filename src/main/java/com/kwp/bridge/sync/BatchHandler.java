package com.kwp.bridge.sync;

import static org.apache.spark.sql.functions.col;

import com.kwp.bridge.audit.AuditRecord;
import com.kwp.bridge.audit.AuditSink;
import com.kwp.bridge.audit.RunContext;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.lake.TableRef;
import com.kwp.bridge.logging.PhaseTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code foreachBatch} function. Collects only the batch's event rows (metadata), plans them with
 * {@link EventOrdering}, applies each target table's events in order (tables in parallel, bounded), then
 * writes statuses and audit records. Deterministic: replaying a batch makes the same decisions, and the
 * ledger turns already applied events into status reconciliations.
 */
public final class BatchHandler implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(BatchHandler.class.getName());
  private final transient SyncEngine engine;
  private final transient RunSummary summary;

  public BatchHandler(SyncEngine engine, RunSummary summary) {
    this.engine = engine;
    this.summary = summary;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws Exception {
    SparkSession spark = batch.sparkSession();
    PhaseTimes times = new PhaseTimes();
    // The batch's commits are normally among the latest: their users are read from the events table's recent
    // history while the batch's rows are collected (the batch was planned before this call, so its commits are
    // in that history unless more than RECENT_COMMITS newer ones landed since; then withCommitUsers reads further).
    Future<Map<Long, String>> recentUsers = beside(() -> commitUsers(engine.eventsTable().deltaTable(spark), RECENT_COMMITS, null));
    List<SyncEvent> events = new ArrayList<>();
    for (Row r : batch.collectAsList()) {
      events.add(SyncEvent.fromRow(r));
    }
    if (events.isEmpty()) {
      return;
    }
    times.lap("read events");
    // two independent reads (the claims of the batch's ids in the target, the events table's history): side by side
    List<SyncEvent> batchEvents = events;
    Future<List<SyncEvent>> identified = beside(() -> withCommitUsers(spark, batchEvents, await(recentUsers)));
    Map<String, Long> recorded = recordedIds(spark, events);
    times.lap("claimed ids");
    events = await(identified);
    times.lap("identities (the rest of their wait)");
    List<AuditRecord> audit = EventProcessor.synchronizedList();
    events = withoutReusedIds(events, recorded, audit);
    EventOrdering.Plan plan = EventOrdering.plan(events);
    for (SyncEvent d : plan.duplicates()) {
      audit.add(duplicate(d, "event id submitted more than once in this batch; the first submission is the one applied"));
    }
    // claimed before anything is decided: whatever happens next, a later row reusing one of these ids is refused.
    // A dry run claims its id as PREVIEW only: the same id may later be submitted to apply for real, which takes
    // the claim over; and the claim says the id has a status row, so that row is merged, never doubled.
    List<SyncEvent> decided = plan.groups().stream().flatMap(List::stream).filter(e -> EventValidator.validId(e.eventId())).toList();
    engine.applier().claim(
        decided.stream().filter(e -> !recorded.containsKey(e.eventId()))
            .map(e -> new IdClaims.Claim(e.eventId(), isDryRun(e) ? Long.valueOf(IdClaims.PREVIEW) : version(e))).toList(),
        decided.stream().filter(e -> isPreviewOnly(recorded.get(e.eventId())) && !isDryRun(e))
            .map(e -> new IdClaims.Claim(e.eventId(), version(e))).toList());
    times.lap("claimed");
    // No "running" status write: it cost a MERGE per batch; an event without a status row reads as pending
    // until its final row, and live progress is in the driver log.
    List<EventOutcome> outcomes = applyGroups(spark, plan.groups(), audit);
    times.lap("apply");
    // status and audit are two tables: their commits are independent and run side by side
    Future<Void> auditWrite = beside(() -> {
      engine.audit().append(spark, new ArrayList<>(audit));
      return null;
    });
    engine.status().record(spark, outcomes, recorded.keySet());
    await(auditWrite);
    times.lap("status and audit");
    summary.add(outcomes);
    LOG.info(() -> "batch " + batchId + ": " + outcomes.size() + " event(s) on " + plan.groups().size() + " table(s); " + times);
  }

  private static Long version(SyncEvent e) {
    return e.commitVersion() < 0 ? null : e.commitVersion();
  }

  private static boolean isPreviewOnly(Long claimed) {
    return claimed != null && claimed == IdClaims.PREVIEW;
  }

  /** True when the event asks for a dry run (an unparseable options map is not one: it fails validation). */
  private static boolean isDryRun(SyncEvent e) {
    try {
      return EventOptions.parse(e.eventId(), e.options()).dryRun();
    } catch (RuntimeException invalid) {
      return false;
    }
  }

  /**
   * Runs {@code work} on a new thread, which inherits this thread's Spark local properties (the streaming
   * query's job group, so stopping the query cancels its jobs too; a pooled thread would carry another's).
   */
  private static <T> Future<T> beside(java.util.concurrent.Callable<T> work) {
    java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
    Thread t = new Thread(task, "bridge-sync-beside");
    t.setDaemon(true);
    t.start();
    return task;
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException ex) {
      throw ex.getCause() instanceof Exception cause ? cause : ex;
    }
  }

  /**
   * For each of the events' ids already used: the commit version that used it (null: an operator call). Valid
   * ids are looked up in the target's claimed ids; an invalid one (its event is rejected) never gets a claim, so
   * the status table answers for it.
   */
  private Map<String, Long> recordedIds(SparkSession spark, List<SyncEvent> events) {
    List<String> ids = events.stream().map(SyncEvent::eventId).filter(java.util.Objects::nonNull).distinct().toList();
    List<String> invalid = ids.stream().filter(id -> !EventValidator.validId(id)).toList();
    Map<String, Long> out = new HashMap<>(engine.applier().claimed(ids.stream().filter(EventValidator::validId).toList()));
    if (!invalid.isEmpty()) {
      out.putAll(engine.status().recordedVersions(spark, invalid));
    }
    return out;
  }

  /**
   * Event ids are write-once: a row whose id was already used by another submission (another events-table
   * commit, or an operator call) is a duplicate, audited and dropped; the existing status row
   * is never changed. The same row seen again (a replay from a new checkpoint) has the same commit version
   * and goes on to the ledger, which reconciles it.
   */
  private List<SyncEvent> withoutReusedIds(List<SyncEvent> events, Map<String, Long> recorded, List<AuditRecord> audit) {
    List<SyncEvent> kept = new ArrayList<>();
    for (SyncEvent e : events) {
      if (e.eventId() != null && recorded.containsKey(e.eventId())) {
        Long v = recorded.get(e.eventId());
        if (!isPreviewOnly(v) && (v == null || v != e.commitVersion())) {
          audit.add(duplicate(e, "event id already used by " + (v == null ? "an earlier event" : "the event of commit version " + v)
              + "; ignored, its status is unchanged. Submit with a new id."));
          continue;
        }
      }
      kept.add(e);
    }
    return kept;
  }

  private AuditRecord duplicate(SyncEvent d, String why) {
    return new AuditRecord(Instant.now(), AuditRecord.DUPLICATE, d.commitUser() != null ? d.commitUser() : d.requestedBy(), d.targetTable(),
        d.operation(), "ignored", null, d.eventId(), engine.run().jobRunId(), EventProcessor.clip("commit version " + d.commitVersion()
            + ", requested_by " + d.requestedBy() + ", source " + d.sourceTable() + ": " + why));
  }

  /**
   * Each table's events in order, tables in parallel. The processor turns every exception into that event's
   * outcome; should a group still end abnormally, its events not yet decided fail on their own, and the
   * other groups' outcomes are kept. JVM errors stop the job.
   */
  private List<EventOutcome> applyGroups(SparkSession spark, List<List<SyncEvent>> groups, List<AuditRecord> audit) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(engine.config().parallelTables(), groups.size())));
    try {
      List<Future<List<EventOutcome>>> futures = new ArrayList<>();
      for (List<SyncEvent> group : groups) {
        futures.add(pool.submit(() -> {
          List<EventOutcome> done = new ArrayList<>();
          for (SyncEvent e : group) {
            done.add(processTracked(spark, e, audit));
          }
          return done;
        }));
      }
      List<EventOutcome> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          out.addAll(futures.get(i).get());
        } catch (ExecutionException ex) {
          if (ex.getCause() instanceof Error err) {
            throw err;
          }
          for (SyncEvent e : groups.get(i)) {
            out.add(new EventOutcome(e.eventId(), e.operation(), e.targetTable(), e.requestedBy(), EventStatus.FAILED, 1, null, null,
                ErrorClass.INTERNAL.name(), EventProcessor.clip(engine.applier().scrub(Failures.oneLine(String.valueOf(ex.getCause().getMessage())))),
                e.commitUser(), Instant.now(), Instant.now(), engine.run().jobRunId(), e.commitVersion() < 0 ? null : e.commitVersion(), null));
          }
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One event, its Spark jobs labelled for live progress and its log lines carrying its id. A local
   * property, not the job group: the streaming query cancels its own jobs by job group.
   */
  private EventOutcome processTracked(SparkSession spark, SyncEvent e, List<AuditRecord> audit) {
    var sc = spark.sparkContext();
    sc.setLocalProperty(com.kwp.bridge.progress.JobGroupMetrics.PROGRESS_PROPERTY, PROGRESS_PREFIX + "event " + e.eventId());
    try (var ctx = com.kwp.bridge.logging.LogContext.with(com.kwp.bridge.logging.LogContext.JOB_RUN_ID, engine.run().jobRunId(),
        com.kwp.bridge.logging.LogContext.EVENT_ID, e.eventId())) {
      return engine.processor().process(spark, e, audit::add);
    } finally {
      sc.setLocalProperty(com.kwp.bridge.progress.JobGroupMetrics.PROGRESS_PROPERTY, null);
    }
  }

  /** Prefix of the progress label of an event's Spark jobs. */
  public static final String PROGRESS_PREFIX = "bridge-sync-";

  /** How many of the events table's latest commits are read for their users while a batch is collected. */
  private static final int RECENT_COMMITS = 32;

  /**
   * Who committed each event, from the events table's Delta history (null where the runtime does not record it):
   * {@code recent} (the latest commits), and further back only when the batch has older ones.
   */
  private List<SyncEvent> withCommitUsers(SparkSession spark, List<SyncEvent> events, Map<Long, String> recent) {
    List<Long> versions = events.stream().map(SyncEvent::commitVersion).filter(v -> v >= 0).distinct().toList();
    Map<Long, String> users = new HashMap<>(recent);
    if (!users.keySet().containsAll(versions)) {
      // history() without a limit reads every commit still in the log (thousands on a busy events table): read
      // back to the batch's oldest commit only
      io.delta.tables.DeltaTable table = engine.eventsTable().deltaTable(spark);
      long oldest = versions.stream().mapToLong(Long::longValue).min().orElseThrow();
      long latest = table.history(1).select("version").head().getLong(0);
      users.putAll(commitUsers(table, (int) Math.min(Integer.MAX_VALUE, latest - oldest + 1), versions));
    }
    return events.stream().map(e -> e.withCommitUser(users.get(e.commitVersion()))).toList();
  }

  /** Version to user of the latest {@code depth} commits ({@code versions}: only those; null: all of them). */
  private static Map<Long, String> commitUsers(io.delta.tables.DeltaTable table, int depth, List<Long> versions) {
    Dataset<Row> history = table.history(depth);
    if (versions != null) {
      history = history.filter(col("version").isin(versions.toArray()));
    }
    Map<Long, String> users = new HashMap<>();
    for (Row r : history.select("version", "userName").collectAsList()) {
      users.put(r.getLong(0), r.isNullAt(1) ? null : r.getString(1));
    }
    return users;
  }

  /** Outcomes of a whole run, for the end-of-run verdict. */
  public static final class RunSummary {
    private final List<EventOutcome> outcomes = new ArrayList<>();

    public synchronized void add(List<EventOutcome> batch) {
      outcomes.addAll(batch);
    }

    public synchronized List<EventOutcome> outcomes() {
      return List.copyOf(outcomes);
    }

    public synchronized List<EventOutcome> unsuccessful() {
      return outcomes.stream().filter(o -> o.status() != EventStatus.COMPLETED && o.status() != EventStatus.PREVIEWED).toList();
    }
  }
}
