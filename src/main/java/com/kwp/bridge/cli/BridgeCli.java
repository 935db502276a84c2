package com.kwp.bridge.cli;

import com.kwp.bridge.logging.Logging;
import com.kwp.bridge.spark.SparkSessions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The utility entry point: {@code bridge <command> [options]}. Also the JAR's default main class, so
 * {@code extract} and {@code sync} are reachable from here as well as through their own main classes.
 * Failures print {@code error:} + {@code hint:} and exit with the code of {@link ExitCode}.
 */
public final class BridgeCli {
  private BridgeCli() {}

  /** Every command, in the order the help lists them. Add a command by adding one line. */
  static List<Command> commands() {
    return List.of(
        new ExtractCommand(),
        new SyncCommand(),
        new ListQueriesCommand(),
        new RunQueryCommand(),
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
    if (SparkSessions.onDatabricks()) {
      // A JAR task must not call System.exit; the run page shows the exception's first line.
      try {
        dispatch(GlobalFlags.parse(args, System.getenv()), System.out);
      } catch (Exception e) { // Scala code throws checked exceptions undeclared
        throw ErrorReport.forJob(e);
      }
      return;
    }
    int code = run(args, System.out, System.err, System.getenv());
    System.out.flush();
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs one command line; returns the exit code (never throws, never exits). */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
    boolean debug = Arrays.asList(args).contains("--debug") || "1".equals(env.get("BRIDGE_DEBUG"));
    try {
      GlobalFlags flags = GlobalFlags.parse(args, env);
      debug = flags.debug();
      dispatch(flags, out);
      return ExitCode.OK.code();
    } catch (Exception | LinkageError e) { // Scala code throws checked exceptions (AnalysisException) undeclared
      return ErrorReport.print(e, command, debug, err).code();
    }
  }

  private static void dispatch(GlobalFlags flags, PrintStream out) {
    String[] args = flags.rest();
    Map<String, Command> byName = new LinkedHashMap<>();
    commands().forEach(c -> byName.put(c.name(), c));
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.println(help(byName));
      return;
    }
    Command command = byName.get(args[0]);
    if (command == null) {
      throw new UsageException("Unknown command '" + args[0] + "'; known commands: " + String.join(", ", byName.keySet()) + ".");
    }
    Logging.install(flags.logFormat(), flags.debug());
    command.run(Arrays.copyOfRange(args, 1, args.length));
  }

  static String help(Map<String, Command> byName) {
    StringBuilder sb = new StringBuilder("Usage: bridge <command> [options]   (bridge <command> --help for its options)\n\ncommands:\n");
    byName.values().forEach(c -> sb.append(String.format("  %-16s %s%n", c.name(), c.summary())));
    sb.append('\n').append(GlobalFlags.USAGE).append('\n');
    sb.append("exit codes: ");
    for (ExitCode c : ExitCode.values()) {
      sb.append(c.code()).append(' ').append(c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
          .append(c.ordinal() < ExitCode.values().length - 1 ? ", " : "  (README, Troubleshooting)\n");
    }
    return sb.toString();
  }
}
