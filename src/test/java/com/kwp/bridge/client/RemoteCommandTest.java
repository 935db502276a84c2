package com.kwp.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.cli.RemoteCommand;
import com.kwp.bridge.cli.UsageException;
import com.kwp.bridge.error.BridgeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code bridge remote ...} against the local workspace, settings from the environment as a shell would give them. */
class RemoteCommandTest {
  private final TestWorkspace ws = new TestWorkspace(null);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final Map<String, String> env = Map.of("BRIDGE_TARGET", "prod");

  @AfterEach
  void close() {
    ws.close();
  }

  private RemoteCommand command() {
    return new RemoteCommand((settings, profile) -> BridgeClient.create(ws.server.config(TestWorkspace.TOKEN), settings), env, out,
        id -> true, c -> new RunWaiter(c::getJobStatus, c::cancel, out, d -> { }, Duration.ofSeconds(1), Duration.ofSeconds(2)), false);
  }

  private List<String> run(String... args) {
    bytes.reset();
    command().run(args);
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void extractWaitStatusRunsAndCancel() {
    List<String> lines = run("extract", "--country", "Colombia", "--query", "ventas", "--overwrite", "--wait");
    assertTrue(lines.get(0).matches("started run \\d+ of job bridge-extract \\(id \\d+\\)"), lines.get(0));
    long runId = Long.parseLong(lines.get(0).split(" ")[2]);
    assertTrue(lines.contains("run " + runId + ": TERMINATED SUCCESS, countries 1 succeeded, 0 failed, 0 active of 1"), lines.toString());
    assertTrue(lines.contains("  parameter queries = ventas"), lines.toString());
    assertTrue(lines.contains("  parameter overwrite = true"), lines.toString());

    List<String> status = run("status", Long.toString(runId));
    assertTrue(status.get(0).startsWith("run " + runId + ": TERMINATED SUCCESS"), status.toString());
    assertTrue(status.stream().anyMatch(l -> l.matches("\\s+extract_country\\s+Colombia\\s+TERMINATED\\s+SUCCESS\\s*")), status.toString());

    long second = Long.parseLong(run("extract", "--country", "Mexico").get(0).split(" ")[2]);
    List<String> runs = run("runs", "--limit", "5");
    assertEquals(2, runs.size());
    assertTrue(runs.get(0).startsWith(Long.toString(second)), runs.toString());

    assertEquals(List.of("cancel requested for run " + second), run("cancel", Long.toString(second)));
  }

  @Test
  void aFailedRunFailsTheWaitingCommandWithTheCountrysError() {
    ws.extractJob.failing.add("Peru");
    BridgeException e = assertThrows(BridgeException.class, () -> run("extract", "--country", "Colombia", "--country", "Peru", "--wait"));
    assertTrue(e.getMessage().contains("ended TERMINATED FAILED: extract_country [Peru]: com.kwp.bridge.error.ExtractFailedException"),
        e.getMessage());
  }

  @Test
  void healthWithoutAWarehouseSaysWhatIsMissing() {
    ws.server.jobs.addFinishedRun(ws.syncJob, "SUCCESS");
    BridgeException e = assertThrows(BridgeException.class, () -> run("health"));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("ok   credentials    authenticated as " + TestWorkspace.PRINCIPAL), printed);
    assertTrue(printed.contains("ok   extract job    bridge-extract (id " + ws.extractJob.id + ")"), printed);
    assertTrue(printed.contains("ok   sync job       bridge-sync (id " + ws.syncJob.id + ")"), printed);
    assertTrue(printed.contains("ok   last sync run  run "), printed);
    assertTrue(printed.contains("FAIL warehouse      not configured: set BRIDGE_WAREHOUSE_ID"), printed);
    assertEquals("health: 1 check(s) failed", e.getMessage());
  }

  @Test
  void usageErrors() {
    assertThrows(UsageException.class, () -> run("launch"));
    assertThrows(UsageException.class, () -> run("status"));
    assertThrows(UsageException.class, () -> run("status", "abc"));
    assertThrows(UsageException.class, () -> run("extract"));
    assertThrows(UsageException.class, () -> run("runs", "--bundle-target", "staging"));
  }
}
