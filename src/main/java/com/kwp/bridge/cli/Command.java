package com.kwp.bridge.cli;

/** One utility subcommand of {@link BridgeCli}. */
public interface Command {
  /** Name typed after the program, e.g. {@code list-queries}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** Runs with the arguments after the name; throws to fail (never exits the JVM). */
  void run(String[] args);
}
