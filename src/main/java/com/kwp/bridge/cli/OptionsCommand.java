package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import java.util.List;
import java.util.Optional;

/** A command with declared options: parsing, {@code --help} and usage errors are handled here once. */
abstract class OptionsCommand implements Command {
  private final String name;
  private final String summary;
  private final List<Opt> options;

  OptionsCommand(String name, String summary, List<Opt> options) {
    this.name = name;
    this.summary = summary;
    this.options = List.copyOf(options);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final void run(String[] args) {
    Optional<Parsed> parsed = CommandLine.parseOrHelp("bridge " + name, summary, options, args);
    parsed.ifPresent(this::run);
  }

  /** Runs with parsed options; throws to fail. */
  abstract void run(Parsed p);
}
