package com.kwp.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flight recording of one phase's CPU samples, summarised as "where the JVM's CPU went": each sample is
 * charged to the first frame outside the JDK and Scala's library (the code that asked for the work), named
 * by component (PostgreSQL driver, Parquet, Spark JDBC, ...). Cheap (20 ms sampling).
 */
final class PhaseProfiler implements AutoCloseable {
  private static final List<String[]> COMPONENTS = List.of(
      new String[] {"org.postgresql", "pg-driver"},
      new String[] {"com.microsoft.sqlserver", "mssql-driver"},
      new String[] {"org.apache.parquet", "parquet"},
      new String[] {"shaded.parquet", "parquet"},
      new String[] {"org.apache.hadoop", "hadoop-fs"},
      new String[] {"io.delta", "delta"},
      new String[] {"org.apache.spark.sql.execution.datasources.jdbc", "spark-jdbc"},
      new String[] {"org.apache.spark.sql.execution.datasources.parquet", "spark-parquet"},
      new String[] {"org.apache.spark.sql.catalyst.expressions.GeneratedClass", "spark-codegen-rows"},
      new String[] {"org.apache.spark.sql.catalyst", "spark-catalyst"},
      new String[] {"org.codehaus.janino", "spark-codegen-compile"},
      new String[] {"org.apache.spark.sql", "spark-sql"},
      new String[] {"org.apache.spark", "spark-core"},
      new String[] {"org.xerial.snappy", "snappy"},
      new String[] {"com.github.luben", "zstd"},
      new String[] {"com.kwp.bridge.bench", "bench-harness"},
      new String[] {"com.kwp.bridge.jdbc.bulk.PostgresBinaryRows", "bridge-copy-decode"},
      new String[] {"com.kwp.bridge", "bridge"},
      new String[] {"io.trino.tpch", "tpch-gen"},
      new String[] {"com.fasterxml.jackson", "jackson"});

  private final Recording recording = new Recording();

  PhaseProfiler() {
    recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
    recording.start();
  }

  /** Stops and returns e.g. "pg-driver 41%, spark-codegen-rows 18%, parquet 12%, gc/jdk 9%" (top four). */
  String summary() throws IOException {
    recording.stop();
    Path file = Files.createTempFile("bench-phase", ".jfr");
    try {
      recording.dump(file);
      Map<String, Integer> counts = new HashMap<>();
      int total = 0;
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        if (e.getStackTrace() != null) {
          counts.merge(component(e.getStackTrace().getFrames()), 1, Integer::sum);
          total++;
        }
      }
      final int n = total;
      return n == 0 ? "" : counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4)
          .map(en -> String.format(Locale.ROOT, "%s %d%%", en.getKey(), Math.round(100.0 * en.getValue() / n)))
          .collect(Collectors.joining(", "));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String component(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String cls = f.getMethod().getType().getName();
      if (cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
          || cls.startsWith("scala.")) {
        continue;
      }
      for (String[] c : COMPONENTS) {
        if (cls.startsWith(c[0])) {
          return c[1];
        }
      }
      String[] parts = cls.split("\\.");
      return parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : cls;
    }
    return "jdk-only";
  }

  @Override
  public void close() {
    recording.close();
  }
}
