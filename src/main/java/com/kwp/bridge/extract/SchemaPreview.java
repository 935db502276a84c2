package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.config.WriteMode;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.lake.Destination;
import com.kwp.bridge.lake.LakeOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Before a run ({@code list-queries --destination}): how each query's columns differ from its existing
 * output and what a run would do, with the same comparison and decision the run makes. Reads no row: the
 * read's schema comes from the source's metadata, the output's from its footers or Delta log.
 */
public final class SchemaPreview {
  private SchemaPreview() {}

  /** Lines for the console, the first starting with {@code schema:}. */
  public static List<String> lines(SparkSession spark, ReadPlanner planner, ConnectionConfig source, ExtractConfig config,
      Destination destination, String query) {
    try {
      QuerySettings s = QuerySettings.resolve(config, query, Optional.empty(), false);
      LakeOutput out = destination.forQuery(query, QueryExtractor.effectiveFormat(destination, s));
      if (!out.exists(spark)) {
        return List.of("schema: no output at " + out.location() + " yet (a run creates it with the read's columns)");
      }
      if (s.mode() == WriteMode.SKIP_EXISTING) {
        return List.of("schema: not compared (" + out.location() + " exists and skip-existing leaves it alone)");
      }
      String rendered = planner.source(query).sql();
      String sql = ReadCasts.apply(planner.dialect().reads(), rendered, planner.probe().columns(rendered)).orElse(rendered);
      StructType read = new JdbcReader(source, planner.dialect()).dataFrame(spark, sql, PartitionPlan.single("schema only"),
          s.fetchSize()).schema();
      SchemaEvolution.WriteKind kind = s.mode() == WriteMode.OVERWRITE ? SchemaEvolution.WriteKind.OVERWRITE
          : s.mode() == WriteMode.INCREMENTAL && !s.options().keys().isEmpty() ? SchemaEvolution.WriteKind.MERGE
          : SchemaEvolution.WriteKind.APPEND;
      SchemaPlan plan = SchemaEvolution.plan(spark, out, read, s, kind, query);
      if (plan.changes().isEmpty()) {
        return List.of("schema: same columns as " + out.location());
      }
      List<String> lines = new ArrayList<>();
      lines.add("schema: " + plan.changes().size() + " difference(s) from " + out.location() + " (" + s.onSchemaChangeKey() + " = "
          + s.onSchemaChange().key() + "); a run would apply them:");
      plan.changes().forEach(c -> lines.add("  " + c.text()));
      return lines;
    } catch (SchemaChangeException e) {
      return List.of("schema: a run would refuse: " + e.getMessage());
    } catch (BridgeException e) {
      return List.of("schema: not compared: " + e.getMessage());
    }
  }
}
