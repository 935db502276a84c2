package com.kwp.bridge.extract;

import com.kwp.bridge.config.OutputFormat;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.config.SchemaChangePolicy;
import com.kwp.bridge.lake.LakeOutput;
import com.kwp.bridge.lake.SchemaComparison;
import com.kwp.bridge.lake.SchemaDifference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Decides what a write does when the read's columns differ from the existing output's, by the query's
 * {@code on-schema-change}: evolve, fail or ignore_new for appends, incremental appends and MERGEs;
 * an overwrite replaces the shape and only reports it. Incompatible types always refuse. Runs on the driver
 * before any row is read (the read's schema comes from the JDBC source's metadata).
 */
public final class SchemaEvolution {
  private static final Logger LOG = Logger.getLogger(SchemaEvolution.class.getName());

  /** The kind of write the differences meet. */
  public enum WriteKind {
    APPEND,
    MERGE,
    OVERWRITE
  }

  private SchemaEvolution() {}

  /**
   * Compares {@code read} with the existing output (none: nothing to compare) and decides.
   *
   * @throws SchemaChangeException when the write must not go ahead; nothing has been written
   */
  public static SchemaPlan plan(SparkSession spark, LakeOutput output, StructType read, QuerySettings settings, WriteKind kind,
      String query) {
    Optional<StructType> existing = output.schema(spark);
    if (existing.isEmpty()) {
      return SchemaPlan.NONE;
    }
    List<SchemaDifference> diffs = SchemaComparison.compare(existing.get(), read);
    if (diffs.isEmpty()) {
      return SchemaPlan.NONE;
    }
    SchemaPlan plan = decide(spark, output, diffs, kind, settings, query);
    LOG.info(() -> "Query " + query + ": the read's columns differ from " + output.location() + " ("
        + settings.onSchemaChangeKey() + " = " + settings.onSchemaChange().key() + "): "
        + plan.changes().stream().map(SchemaChange::text).collect(Collectors.joining("; ")));
    return plan;
  }

  /** The decision for differences already found (pure apart from asking the output what it can widen). */
  static SchemaPlan decide(SparkSession spark, LakeOutput output, List<SchemaDifference> diffs, WriteKind kind,
      QuerySettings settings, String query) {
    if (kind == WriteKind.OVERWRITE) {
      return new SchemaPlan(diffs.stream().map(d -> new SchemaChange(d, "replaced (overwrite)")).toList(), false, Set.of(), Map.of());
    }
    Decision decision = new Decision(spark, output, kind, settings);
    diffs.forEach(decision::take);
    if (!decision.refusals.isEmpty()) {
      List<SchemaChange> changes = new ArrayList<>();
      for (SchemaDifference d : diffs) {
        changes.add(new SchemaChange(d, decision.refused.contains(d) ? "refused" : "not applied (the write was refused)"));
      }
      // What changed leads (the summary shows the start of it); the output is named in the way out.
      throw new SchemaChangeException("Query " + query + ": schema change refused (" + settings.onSchemaChangeKey() + " = "
          + settings.onSchemaChange().key() + "): " + String.join("; ", decision.refusals) + ". "
          + capitalize(String.join(", or ", decision.hints(output))) + ".", changes);
    }
    return new SchemaPlan(decision.changes, decision.evolve, decision.dropped, decision.casts);
  }

  /** The decision being built, difference by difference. */
  private static final class Decision {
    private final SparkSession spark;
    private final LakeOutput output;
    private final WriteKind kind;
    private final QuerySettings settings;
    private final SchemaChangePolicy policy;
    private final boolean delta;
    final List<SchemaChange> changes = new ArrayList<>();
    final List<String> refusals = new ArrayList<>();
    final Set<SchemaDifference> refused = new HashSet<>();
    final Set<String> dropped = new HashSet<>();
    final Map<String, DataType> casts = new HashMap<>();
    private final Set<String> policyHints = new LinkedHashSet<>();
    boolean evolve;

    Decision(SparkSession spark, LakeOutput output, WriteKind kind, QuerySettings settings) {
      this.spark = spark;
      this.output = output;
      this.kind = kind;
      this.settings = settings;
      this.policy = settings.onSchemaChange();
      this.delta = output.format() == OutputFormat.DELTA;
    }

    void take(SchemaDifference d) {
      if (d.kind() == SchemaDifference.Kind.INCOMPATIBLE) {
        refuse(d, d.describe() + " cannot be written into the existing column");
        return;
      }
      if (policy == SchemaChangePolicy.FAIL) {
        refuse(d, d.describe());
        policyHints.add("set " + settings.onSchemaChangeKey() + " = evolve to apply them");
        return;
      }
      switch (d.kind()) {
        case ADDED -> accept(d, added(d));
        case MISSING -> missing(d).ifPresentOrElse(why -> refuse(d, why), () -> accept(d, missingAction()));
        case POSSIBLE_RENAME -> {
          Optional<String> why = missing(d);
          if (why.isPresent()) {
            refuse(d, why.get());
          } else {
            accept(d, "not taken as a rename: " + SchemaDifference.name(d.column()) + " " + added(d) + "; "
                + SchemaDifference.name(d.previous()) + " " + missingAction());
          }
        }
        case WIDENED -> widened(d);
        case NARROWED -> {
          casts.put(d.column(), d.destinationType());
          accept(d, "read cast to " + d.destinationType().simpleString());
        }
        default -> throw new IllegalStateException("unhandled " + d.kind());
      }
    }

    /** What happens to a new column (and records it in the plan). */
    private String added(SchemaDifference d) {
      if (policy == SchemaChangePolicy.IGNORE_NEW) {
        dropped.add(d.column());
        return "left out (ignore_new)";
      }
      evolve = true;
      return delta ? "added to the table" : "in the new files (read the folder with mergeSchema)";
    }

    /** Why a column the read no longer has cannot be left to NULL, if it cannot. */
    private Optional<String> missing(SchemaDifference d) {
      String column = d.kind() == SchemaDifference.Kind.POSSIBLE_RENAME ? d.previous() : d.column();
      if (d.notNull()) {
        return Optional.of(d.describe() + ": " + SchemaDifference.name(column) + " is NOT NULL in the destination, NULL cannot fill it");
      }
      if (kind == WriteKind.MERGE && settings.options().keys().stream().anyMatch(k -> k.equalsIgnoreCase(column))) {
        return Optional.of(d.describe() + ": " + SchemaDifference.name(column) + " is a MERGE key (extract keys)");
      }
      if (kind == WriteKind.MERGE) {
        evolve = true; // updateAll/insertAll need schema evolution to leave a target column out
      }
      return Optional.empty();
    }

    private String missingAction() {
      if (!delta) {
        return "absent from the new files (NULL when read with mergeSchema)";
      }
      return kind == WriteKind.MERGE ? "kept: NULL in inserted rows, updated rows keep theirs" : "kept: NULL in the new rows";
    }

    private void widened(SchemaDifference d) {
      boolean merge = kind == WriteKind.MERGE;
      if (policy == SchemaChangePolicy.IGNORE_NEW) {
        refuse(d, d.describe() + ": ignore_new keeps the destination's types");
        policyHints.add("set " + settings.onSchemaChangeKey() + " = evolve");
      } else if (output.widensInPlace(spark, d.destinationType(), d.readType(), merge)) {
        evolve = true;
        // a char/varchar limit is raised by its own metadata-only commit just before the rows (Delta has no other way)
        accept(d, d.readType() instanceof StringType ? "limit raised in the table (a metadata-only commit before the rows)"
            : "widened in the table");
      } else {
        refuse(d, d.describe() + ": " + output.whyNotWidened(spark, d.destinationType(), d.readType(), merge));
      }
    }

    private void accept(SchemaDifference d, String action) {
      changes.add(new SchemaChange(d, action));
    }

    private void refuse(SchemaDifference d, String why) {
      refused.add(d);
      refusals.add(why);
    }

    List<String> hints(LakeOutput output) {
      List<String> out = new ArrayList<>(policyHints);
      out.add("rerun with --overwrite to rewrite " + output.location() + " with the source's columns, or extract to a new destination");
      return out;
    }
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
