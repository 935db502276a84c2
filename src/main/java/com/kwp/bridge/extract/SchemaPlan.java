package com.kwp.bridge.extract;

import com.kwp.bridge.lake.LakeOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * What a write does about the differences found: the changes to report, whether the write evolves the
 * output's schema in its own commit, which read columns are left out and which are cast up to the
 * destination's wider type.
 */
public record SchemaPlan(List<SchemaChange> changes, boolean evolve, Set<String> dropped, Map<String, DataType> casts) {
  public static final SchemaPlan NONE = new SchemaPlan(List.of(), false, Set.of(), Map.of());

  public SchemaPlan {
    changes = List.copyOf(changes);
    dropped = Set.copyOf(dropped);
    casts = Map.copyOf(casts);
  }

  /** The read with the left-out columns dropped and the casts applied: a projection, run on the executors. */
  public Dataset<Row> apply(Dataset<Row> rows) {
    if (dropped.isEmpty() && casts.isEmpty()) {
      return rows;
    }
    List<Column> columns = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      Column c = functions.col(LakeOutput.col(f.name()));
      if (dropped.contains(f.name())) {
        continue;
      }
      columns.add(casts.containsKey(f.name()) ? c.cast(casts.get(f.name())).as(f.name()) : c);
    }
    return rows.select(columns.toArray(new Column[0]));
  }
}
