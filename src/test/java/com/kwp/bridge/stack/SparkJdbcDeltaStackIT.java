package com.kwp.bridge.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import com.kwp.bridge.testing.TestSpark;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The parts every other integration test stands on: embedded PostgreSQL, local Spark, JDBC reads, Delta. */
class SparkJdbcDeltaStackIT {

  @Test
  void partitionedJdbcReadLandsInDeltaWithEveryRow() {
    SparkSession spark = TestSpark.session();
    try (TestDatabase db = TestDatabases.postgres()) {
      db.execute("CREATE TABLE t (id bigint primary key, name text)",
          "INSERT INTO t SELECT g, 'n' || g FROM generate_series(1, 10000) g");
      Properties props = db.connection().driverProperties();
      Dataset<Row> df = spark.read().jdbc(db.url(), "t", "id", 1, 10000, 4, props);
      String path = TestSpark.tempDir("stack").resolve("t").toString();
      df.write().format("delta").save(path);
      assertEquals(4, df.rdd().getNumPartitions());
      assertEquals(10000L, spark.read().format("delta").load(path).count());
    }
  }
}
