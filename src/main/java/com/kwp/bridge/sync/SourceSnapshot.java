package com.kwp.bridge.sync;

import com.kwp.bridge.lake.TableRef;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One Delta version of an event's source table. An unpinned Delta DataFrame re-resolves the latest version
 * on every action, so checks, the expected count and the load could each see a different snapshot when a
 * producer writes in between; every read of the source goes through the version captured once here.
 */
public record SourceSnapshot(TableRef table, long version) {

  /** The table's latest committed version (one metadata row from the Delta log; no data is read). */
  public static SourceSnapshot latest(SparkSession spark, TableRef table) {
    Row last = table.deltaTable(spark).history(1).select("version").head();
    return new SourceSnapshot(table, last.getLong(0));
  }

  /** The rows of the table as of {@link #version}. */
  public Dataset<Row> read(SparkSession spark) {
    if (table.isPath()) {
      return spark.read().format("delta").option("versionAsOf", version).load(table.value());
    }
    return spark.sql("SELECT * FROM " + quotedName(table.value()) + " VERSION AS OF " + version);
  }

  /** {@code a.b.c} as {@code `a`.`b`.`c`} (backticks inside a part doubled), split by Spark's own parser as the grant check splits it. */
  static String quotedName(String name) {
    return com.kwp.bridge.security.SourceName.parse(name).parts().stream().map(SourceData::quoted).collect(Collectors.joining("."));
  }
}
