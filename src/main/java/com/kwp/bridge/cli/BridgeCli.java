package com.kwp.bridge.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The utility entry point: {@code bridge <command> [options]}. Also the JAR's default main class, so
 * {@code extract} and {@code sync} are reachable from here as well as through their own main classes.
 */
public final class BridgeCli {
  private BridgeCli() {}

  /** Every command, in the order the help lists them. */
  static List<Command> commands() {
    return List.of(
        new ExtractCommand(),
        new SyncCommand(),
        new ListQueriesCommand(),
        new ShowParamsCommand(),
        new TestConnectionCommand(),
        new DemoCommand(),
        new SubmitEventCommand(),
        new EventsCommand(),
        new DemoSyncCommand(),
        new RemoteCommand()
    );
  }

  public static void main(String[] args) {
    Map<String, Command> byName = new LinkedHashMap<>();
    commands().forEach(c -> byName.put(c.name(), c));
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      System.out.println(help(byName));
      return;
    }
    Command command = byName.get(args[0]);
    if (command == null) {
      throw new UsageException("Unknown command '" + args[0] + "'.\n\n" + help(byName));
    }
    command.run(Arrays.copyOfRange(args, 1, args.length));
  }

  static String help(Map<String, Command> byName) {
    StringBuilder sb = new StringBuilder("usage: bridge <command> [options]   (bridge <command> --help for its options)\n\ncommands:\n");
    byName.values().forEach(c -> sb.append(String.format("  %-16s %s%n", c.name(), c.summary())));
    return sb.toString();
  }
}
