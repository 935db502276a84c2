package com.kwp.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The --wait loop: backoff, progress lines, and Ctrl-C asking before it cancels. */
class RunWaiterTest {
  private final TestWorkspace ws = new TestWorkspace(null);
  private final BridgeClient client = ws.client(TestWorkspace.settings(false));
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final List<Duration> sleeps = new ArrayList<>();

  @AfterEach
  void close() {
    ws.close();
  }

  private RunWaiter waiter(Sleeper sleeper) {
    return new RunWaiter(client::getJobStatus, client::cancel, out, sleeper, Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Test
  void pollsWithGrowingDelaysAndPrintsEachChangeOnce() {
    long runId = client.extract(ExtractRequest.of("Colombia", "Mexico")).runId();
    RunStatus end = waiter(sleeps::add).await(runId);

    assertEquals("SUCCESS", end.resultState());
    assertEquals(List.of(Duration.ofSeconds(2)), sleeps, "one poll while RUNNING, then final");
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(List.of("run " + runId + ": RUNNING, countries 1 succeeded, 0 failed, 1 active of 2",
        "run " + runId + ": TERMINATED SUCCESS, countries 2 succeeded, 0 failed, 0 active of 2"), printed.lines().toList());
  }

  @Test
  void backoffGrowsByHalfUpToTheMaximum() {
    long runId = client.extract(ExtractRequest.of("Colombia")).runId();
    // Hold the run in RUNNING: each poll moves it back one step until five polls were made.
    LocalJobs.RunRec rec = ws.server.jobs.runs.get(runId);
    RunStatus end = waiter(d -> {
      sleeps.add(d);
      if (sleeps.size() < 4) {
        rec.stage = 0;
      }
    }).await(runId);
    assertTrue(end.isFinal());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3)), sleeps);
  }

  @Test
  void ctrlCAnsweredYesCancelsTheRun() {
    long runId = client.extract(ExtractRequest.of("Colombia", "Mexico")).runId();
    List<Long> asked = new ArrayList<>();
    RunWaiter[] w = new RunWaiter[1];
    w[0] = waiter(d -> {
      // Ctrl-C arrives while waiting between polls.
      assertTrue(w[0].interrupted(runId, id -> asked.add(id)));
    });
    assertNull(w[0].await(runId), "waiting stops");
    assertEquals(List.of(runId), asked);
    assertEquals(1, ws.requests("POST", "/api/2.2/jobs/runs/cancel"));
    assertEquals("CANCELED", client.getJobStatus(runId).resultState());
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("cancel requested for run " + runId));
  }

  @Test
  void ctrlCAnsweredNoLeavesTheRunGoing() {
    long runId = client.extract(ExtractRequest.of("Colombia", "Mexico")).runId();
    RunWaiter[] w = new RunWaiter[1];
    w[0] = waiter(d -> assertFalse(w[0].interrupted(runId, id -> false)));
    assertNull(w[0].await(runId));
    assertEquals(0, ws.requests("POST", "/api/2.2/jobs/runs/cancel"));
    assertEquals("SUCCESS", client.getJobStatus(runId).resultState());
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("bridge remote status " + runId));
  }
}
