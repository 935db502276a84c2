package com.kwp.bridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@link BridgeCli} in this JVM (the test's Spark session is reused) and keeps its exit code, stdout and stderr. */
final class Cli {
  record Result(int code, String out, String err) {
    /** stdout and stderr, for assertion messages. */
    String all() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Cli() {}

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code;
    System.setOut(capture);
    try {
      code = BridgeCli.run(args, capture, new PrintStream(err, true, StandardCharsets.UTF_8), env);
    } finally {
      System.setOut(original);
    }
    Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    original.println(r.all());
    return r;
  }
}
