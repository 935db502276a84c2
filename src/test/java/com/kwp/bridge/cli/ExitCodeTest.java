package com.kwp.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.error.ExtractFailedException;
import com.kwp.bridge.error.TemplateException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
  @Test
  void everyErrorClassHasACodeAndTheCodesAreStable() {
    assertEquals(2, ExitCode.of(new UsageException("x")).code());
    assertEquals(3, ExitCode.of(new ConfigException("x")).code());
    assertEquals(3, ExitCode.of(new TemplateException("x")).code());
    assertEquals(4, ExitCode.of(new BridgeException(ErrorClass.CONNECTION, "x")).code());
    assertEquals(5, ExitCode.of(new ExtractFailedException("Colombia", List.of("v"), "")).code());
    assertEquals(1, ExitCode.of(new IllegalStateException("x")).code());
    for (ErrorClass c : ErrorClass.values()) {
      ExitCode.of(new BridgeException(c, "x")); // the switch covers every class
    }
    // Spark wraps what a task threw: the bridge's exception or the driver's SQLException decides
    assertEquals(3, ExitCode.of(new RuntimeException("wrapped", new ConfigException("inner"))).code());
    assertEquals(4, ExitCode.of(new RuntimeException("job aborted", new SQLException("refused", "08001"))).code());
  }

  @Test
  void theReportIsOneErrorLineAndOneHintLineWithoutTraceUnlessDebug() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ErrorReport.print(new ExtractFailedException("Colombia", List.of("v"), "  v: long details\n  more"), "extract", false,
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertEquals("error: Extract for Colombia: 1 query failed: v. The other queries' outputs were written.", lines.get(0));
    assertTrue(lines.get(1).startsWith("hint: "), lines.get(1));

    ByteArrayOutputStream debug = new ByteArrayOutputStream();
    ErrorReport.print(new ConfigException("bad key"), "extract", true, new PrintStream(debug, true, StandardCharsets.UTF_8));
    assertTrue(debug.toString(StandardCharsets.UTF_8).contains("\tat "), debug.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyHintLineFitsATerminalOfOneHundredTwentyColumns() {
    List<Exception> failures = List.of(new UsageException("x"), new ConfigException("x"), new BridgeException(ErrorClass.CONNECTION, "x"),
        new ExtractFailedException("Peru", List.of("ghost"), ""), new IllegalStateException("x"));
    for (Exception failure : failures) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      ErrorReport.print(failure, "test-connection", false, new PrintStream(buf, true, StandardCharsets.UTF_8));
      String hint = buf.toString(StandardCharsets.UTF_8).lines().toList().get(1);
      assertTrue(hint.length() <= 120, hint.length() + ": " + hint);
    }
  }

  @Test
  void credentialsInAMessageAreMaskedAndJobsThrowTheSameFirstLine() {
    String m = ErrorReport.message(new IllegalStateException("cannot reach jdbc:sqlserver://h;user=u;password=hunter22;db=x"));
    assertFalse(m.contains("hunter22"), m);
    RuntimeException job = ErrorReport.forJob(new IllegalStateException("boom", new ConfigException("extract.mode = 'x' is not a mode")));
    assertEquals("extract.mode = 'x' is not a mode", job.getMessage());
    assertEquals(ErrorClass.CONFIG, ((BridgeException) job).errorClass());
  }

  @Test
  void helpListsCommandsGlobalOptionsAndExitCodes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BridgeCli.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), java.util.Map.of());
    assertEquals(0, code);
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.startsWith("Usage: bridge <command>"), help);
    assertTrue(help.contains("--debug") && help.contains("--log-format") && help.contains("5 run-failed"), help);
  }
}
