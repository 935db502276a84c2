package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.jdbc.JdbcConnections;
import com.kwp.bridge.lake.Destination;
import com.kwp.bridge.lake.ExtractRunsTable;
import com.kwp.bridge.lake.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * What a run checks before its first query, so a mistake costs seconds and writes nothing: the source
 * answers (one login attempt, not one per query), the destination is writable (or its schema exists), and
 * the runs table can be written. Each failure names the setting to change.
 */
public final class Preflight {
  private static final Logger LOG = Logger.getLogger(Preflight.class.getName());
  private static final String SCHEME = "^[A-Za-z][A-Za-z0-9+.-]*:.*";

  private Preflight() {}

  /** Every check of an extract run, in the order a person would fix them. */
  public static void extract(SparkSession spark, ExtractRequest request) {
    source(request.source());
    destination(spark, request.destination());
    request.config().runsTable().ifPresent(t -> runsTable(spark, t));
    LOG.info(() -> "Preflight OK: source " + request.source().redactedUrl() + ", destination " + request.destination().value()
        + ", runs table " + request.config().runsTable().orElse("(none)"));
  }

  /** Opens and closes one connection; the driver's own error (wrong password, unknown host) is thrown as is. */
  public static String source(ConnectionConfig source) {
    try (Connection c = JdbcConnections.open(source)) {
      var md = c.getMetaData();
      return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
    } catch (SQLException e) {
      throw new BridgeException(ErrorClass.CONNECTION, "source " + source.redactedUrl() + " connected but metadata failed: "
          + com.kwp.bridge.security.Redactor.scrub(e.getMessage(), java.util.List.of(source.password())), e);
    }
  }

  /** A folder is created if needed and must take a probe file; a schema must exist. Returns what was checked. */
  public static String destination(SparkSession spark, Destination d) {
    if (d.isPath() && !d.value().matches(SCHEME)) {
      Path dir = Path.of(d.value().startsWith("~") ? System.getProperty("user.home") + d.value().substring(1) : d.value());
      try {
        Files.createDirectories(dir);
        Files.delete(Files.createTempFile(dir, ".bridge-write-test", ".tmp"));
        return dir.toAbsolutePath() + " is writable";
      } catch (IOException | SecurityException e) {
        throw new BridgeException(ErrorClass.CONNECTION, "destination " + dir.toAbsolutePath() + " is not writable ("
            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); pick a folder you can write to (--destination).", e);
      }
    }
    if (d.isPath()) {
      try {
        var probe = new org.apache.hadoop.fs.Path(d.value(), ".bridge-write-test");
        var fs = probe.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.create(probe, true).close();
        fs.delete(probe, false);
        return d.value() + " is writable";
      } catch (Exception e) {
        throw new BridgeException(ErrorClass.CONNECTION, "destination " + d.value() + " is not writable: " + e.getMessage()
            + "; check the path and your grants on it (--destination).", e);
      }
    }
    boolean exists;
    try {
      exists = spark.catalog().databaseExists(d.value());
    } catch (Exception e) { // a name this catalog cannot hold is not there
      exists = false;
    }
    if (!exists) {
      throw new ConfigException("destination schema '" + d.value() + "' does not exist or is not visible; create it, or for a local folder write --destination ./"
          + d.value().replace('.', '/') + " (a folder path starts with ./ or /).");
    }
    return "schema " + d.value() + " exists (table creation rights are checked on first write)";
  }

  /** Creates the runs table when missing, so a run never extracts everything and then fails to record it. */
  public static void runsTable(SparkSession spark, String configured) {
    TableRef table = TableRef.of(configured);
    try {
      new ExtractRunsTable(table).ensure(spark);
    } catch (Exception e) { // AnalysisException is checked in Java's eyes but thrown undeclared by Scala
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new ConfigException(ExtractConfig.SECTION + "." + ExtractConfig.RUNS_TABLE + " = '" + configured
          + "' cannot be created or written (" + why + "); set it to a folder (--conf extract.runs-table=./bridge-runs),"
          + " to catalog.schema.table on Databricks, or to \"\" to record nothing.", e);
    }
  }
}
