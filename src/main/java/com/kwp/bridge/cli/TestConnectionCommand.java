package com.kwp.bridge.cli;

import com.kwp.bridge.cli.CommandLine.Opt;
import com.kwp.bridge.cli.CommandLine.Parsed;
import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.ConnectionConfigs;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.lake.Destination;
import com.kwp.bridge.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
    try (Connection c = JdbcConnections.open(source)) {
      var md = c.getMetaData();
      System.out.println("source OK: " + md.getDatabaseProductName() + " " + md.getDatabaseProductVersion());
    } catch (SQLException e) {
      throw new BridgeException(ErrorClass.CONNECTION, "source " + source.redactedUrl() + " connected but metadata failed: "
          + com.kwp.bridge.security.Redactor.scrub(e.getMessage(), List.of(source.password())), e);
    }
    p.get("destination").ifPresent(d -> checkDestination(Destination.parse(d)));
  }

  /** Writes and deletes a probe file in a folder destination; checks the schema exists for a table destination. */
  static void checkDestination(Destination d) {
    if (d.isPath() && !d.value().matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      try {
        Path dir = Files.createDirectories(Path.of(d.value()));
        Path probe = Files.createTempFile(dir, ".bridge-write-test", ".tmp");
        Files.delete(probe);
        System.out.println("destination OK: " + dir.toAbsolutePath() + " is writable");
      } catch (IOException e) {
        throw new BridgeException(ErrorClass.CONNECTION, "destination " + d.value() + " is not writable: " + e.getMessage(), e);
      }
      return;
    }
    SparkSession spark = SparkSessions.obtain("bridge test-connection");
    try {
      if (d.isPath()) {
        var path = new org.apache.hadoop.fs.Path(d.value(), ".bridge-write-test");
        var fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.create(path, true).close();
        fs.delete(path, false);
        System.out.println("destination OK: " + d.value() + " is writable");
      } else if (spark.catalog().databaseExists(d.value())) {
        System.out.println("destination OK: schema " + d.value() + " exists (table creation rights are checked on first write)");
      } else {
        throw new BridgeException(ErrorClass.CONNECTION, "destination schema " + d.value() + " does not exist or is not visible; create it or fix --destination.");
      }
    } catch (IOException e) {
      throw new BridgeException(ErrorClass.CONNECTION, "destination " + d.value() + " is not writable: " + e.getMessage(), e);
    } finally {
      SparkSessions.releaseIfLocal(spark);
    }
  }
}
