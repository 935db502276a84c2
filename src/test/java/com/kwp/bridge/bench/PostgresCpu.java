package com.kwp.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU seconds the PostgreSQL server has used so far, read from Linux's /proc: the postmaster's own time,
 * the time of its exited (reaped) backends, and the time of its live children. Differences between two
 * readings give the database's share of a phase. Returns NaN when /proc is not there (not Linux).
 */
final class PostgresCpu {
  private final long postmasterPid;
  private final double ticksPerSecond;

  PostgresCpu(long postmasterPid) {
    this.postmasterPid = postmasterPid;
    this.ticksPerSecond = 100.0; // USER_HZ is 100 on every Linux build we run on
  }

  /** Reads the postmaster's pid from the first line of {@code postmaster.pid} in the data directory. */
  static PostgresCpu forDataDirectory(String dataDirectory) {
    try {
      List<String> lines = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"));
      return new PostgresCpu(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | RuntimeException e) {
      return new PostgresCpu(-1);
    }
  }

  double cpuSeconds() {
    if (postmasterPid < 0 || !Files.isDirectory(Path.of("/proc"))) {
      return Double.NaN;
    }
    long[] pm = stat(postmasterPid);
    if (pm == null) {
      return Double.NaN;
    }
    long ticks = pm[1] + pm[2] + pm[3] + pm[4];
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String n = p.getFileName().toString();
        if (!n.isEmpty() && Character.isDigit(n.charAt(0))) {
          long[] s = stat(Long.parseLong(n));
          if (s != null && s[0] == postmasterPid) {
            ticks += s[1] + s[2];
          }
        }
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return ticks / ticksPerSecond;
  }

  /** {ppid, utime, stime, cutime, cstime} of one process, or null when it is gone. */
  private static long[] stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14
      return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
          Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
