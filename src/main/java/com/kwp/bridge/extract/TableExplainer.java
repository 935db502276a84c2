package com.kwp.bridge.extract;

import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.config.WriteMode;
import com.kwp.bridge.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an extract of a table by name would do, without reading its rows: the partition plan and the
 * watermark that would be chosen, each with its reason (for list-queries and run-query INFO).
 */
public final class TableExplainer {
  private TableExplainer() {}

  /** The table's metadata plus the two choices, as sentences. */
  public record Explanation(TableSource.ResolvedTable table, TableMetadata metadata, String partitioning, String watermark) {
    /** Lines for the console. */
    public List<String> lines() {
      List<String> out = new ArrayList<>();
      out.add("partitioning: " + partitioning);
      out.add("watermark: " + watermark);
      return out;
    }
  }

  public static Explanation explain(ReadPlanner planner, ReadPlanner.Source source, ExtractConfig config) {
    QuerySettings settings = QuerySettings.resolve(config, source.name(), Optional.empty(), false);
    TableMetadata md = planner.metadata(source);
    String partitioning = planner.plan(source, source.sql(), settings).description();
    String watermark;
    try {
      WatermarkChooser.Choice c = planner.watermark(source, settings, List.of());
      watermark = (settings.mode() == WriteMode.INCREMENTAL ? "" : "(if mode = incremental) ") + c.why();
    } catch (ConfigException e) {
      watermark = (settings.mode() == WriteMode.INCREMENTAL ? "refused: " : "(if mode = incremental) refused: ") + e.getMessage();
    }
    return new Explanation(source.table().orElseThrow(), md, partitioning, watermark);
  }
}
