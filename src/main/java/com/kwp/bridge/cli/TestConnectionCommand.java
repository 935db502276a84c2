package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.ConnectionConfigs;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.extract.Preflight;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.lake.Destination;
import com.kwp.bridge.spark.SparkSessions;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bridge test-connection}: the source answers (and which JDBC driver version is loaded), and the
 * destination, when given, is writable.
 */
public final class TestConnectionCommand extends OptionsCommand {
  static final List<Opt> OPTIONS = List.of(
      Opt.required("config-path", "dir", "folder with common.conf and <Country>.conf"),
      Opt.optional("country", "name", "country whose conf/<Country>.conf applies"),
      Opt.optional("destination", "path|catalog.schema", "also check that this destination is writable"),
      Opt.repeated("conf", "k=v", "any config key, highest precedence (repeatable)"));

  TestConnectionCommand() {
    super("test-connection", "check the source database answers (and the driver version loaded) and the destination is writable", OPTIONS);
  }

  @Override
  void run(Parsed p) {
    var config = CommandLine.loadConfig(p, p.get("country").orElse(null));
    ConnectionConfig source = ConnectionConfigs.from(config, "source");
    System.out.println("source: " + source.redactedUrl() + " (" + Dialects.forUrl(source.url()).name() + ")");
    System.out.println("driver: " + JdbcConnections.driverVersion(source));
    System.out.println("source OK: " + Preflight.source(source));
    p.get("destination").ifPresent(d -> checkDestination(Destination.parse(d)));
  }

  /** Writes and deletes a probe file in a folder destination (no Spark needed); checks the schema exists for a table destination. */
  static void checkDestination(Destination d) {
    if (d.isPath() && !d.value().matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      System.out.println("destination OK: " + Preflight.destination(null, d));
      return;
    }
    SparkSession spark = SparkSessions.obtain("bridge test-connection");
    try {
      System.out.println("destination OK: " + Preflight.destination(spark, d));
    } finally {
      SparkSessions.releaseIfLocal(spark);
    }
  }
}
