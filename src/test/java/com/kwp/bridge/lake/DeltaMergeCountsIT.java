package com.kwp.bridge.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kwp.bridge.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A MERGE's counts are its own: one that changes nothing reports zeros, not the previous commit's. */
class DeltaMergeCountsIT {
  private final SparkSession spark = TestSpark.session();

  @Test
  void anEmptySourceMergesNothingAndSaysSo() {
    String path = TestSpark.tempDir("merge-counts").resolve("t").toString();
    DeltaOutput out = new DeltaOutput(TableRef.of(path));
    out.write(spark, spark.sql("SELECT id, 'a' AS v FROM range(10)"), LakeOutput.Write.CREATE);
    assertEquals(new LakeOutput.MergeCounts(3, 3), out.merge(spark, spark.sql("SELECT id, 'b' AS v FROM range(8, 11)"), List.of("id")),
        "2 updated + 1 inserted");
    Dataset<Row> none = spark.sql("SELECT id, 'c' AS v FROM range(8, 11) WHERE id < 0");
    assertEquals(new LakeOutput.MergeCounts(0, 0), out.merge(spark, none, List.of("id")));
    assertEquals(11, spark.read().format("delta").load(path).count(), "nothing lost, nothing doubled");
  }
}
