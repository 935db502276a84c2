package com.kwp.bridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on. */
record Machine(int cores, String cpu, long memoryMb, String os, String java, String spark, String database) {

  static Machine describe(String sparkVersion, String databaseVersion) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), os.getTotalMemorySize() >> 20,
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m",
        "Spark " + sparkVersion + " local[2]", databaseVersion);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
