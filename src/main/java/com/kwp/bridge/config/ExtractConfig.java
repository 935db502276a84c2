package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code extract} section, parsed once: run-level settings plus one {@link QueryOptions} per
 * {@code extract.queries.<name>} block. Unknown keys, unknown enum values and inconsistent groups fail here,
 * naming the key path, before anything runs.
 */
public record ExtractConfig(
    int maxConcurrentQueries,
    OutputFormat format,
    WriteMode mode,
    int fetchSize,
    int numPartitions,
    Optional<String> runsTable,
    List<String> selectedQueries,
    boolean overwrite,
    Map<String, QueryOptions> queries,
    Map<String, TableSpec> tables,
    long targetRowsPerPartition,
    int maxPartitions,
    SchemaChangePolicy onSchemaChange) {

  public static final String SECTION = "extract";
  public static final String MAX_CONCURRENT_QUERIES = "max-concurrent-queries";
  public static final String FORMAT = "format";
  public static final String MODE = "mode";
  public static final String FETCH_SIZE = "fetch-size";
  public static final String NUM_PARTITIONS = "num-partitions";
  public static final String RUNS_TABLE = "runs-table";
  public static final String QUERIES = "queries";
  /** Run-time choices a Databricks "Run now" passes as --conf (a JAR task's arguments are fixed). */
  public static final String QUERIES_SELECTED = "queries-selected";
  public static final String OVERWRITE = "overwrite";
  /** Whole tables by name: {@code tables.<name> { table = "dbo.X", columns = [...], where = "..." }}. */
  public static final String TABLES = "tables";
  public static final String TARGET_ROWS_PER_PARTITION = "target-rows-per-partition";
  public static final String MAX_PARTITIONS = "max-partitions";
  public static final String TABLE = "table";
  public static final String COLUMNS = "columns";
  public static final String WHERE = "where";

  public static final String PARTITION_COLUMN = "partition-column";
  public static final String PARTITION_STRATEGY = "partition-strategy";
  public static final String LOWER_BOUND = "lower-bound";
  public static final String UPPER_BOUND = "upper-bound";
  public static final String PREDICATES = "predicates";
  public static final String INCREMENTAL_COLUMN = "incremental-column";
  public static final String LOOKBACK = "lookback";
  public static final String KEYS = "keys";
  /** Run level and per query: what an append/incremental write does when the source's columns changed. */
  public static final String ON_SCHEMA_CHANGE = "on-schema-change";
  /** mode = changes only: what to do when the destination's change version is stale (config/OnStale). */
  public static final String ON_STALE = "on-stale";

  /** Defaults (also declared in reference.conf; a test pins both). */
  public static final int DEFAULT_MAX_CONCURRENT_QUERIES = 4;
  public static final OutputFormat DEFAULT_FORMAT = OutputFormat.PARQUET;
  public static final WriteMode DEFAULT_MODE = WriteMode.SKIP_EXISTING;
  public static final int DEFAULT_FETCH_SIZE = 10_000;
  public static final int DEFAULT_NUM_PARTITIONS = 4;
  public static final String DEFAULT_RUNS_TABLE = "bridge.events.bridge_extract_runs";
  public static final long DEFAULT_TARGET_ROWS_PER_PARTITION = 1_000_000L;
  public static final int DEFAULT_MAX_PARTITIONS = 32;
  public static final SchemaChangePolicy DEFAULT_ON_SCHEMA_CHANGE = SchemaChangePolicy.EVOLVE;

  static final Set<String> RUN_KEYS = Set.of(MAX_CONCURRENT_QUERIES, FORMAT, MODE, FETCH_SIZE, NUM_PARTITIONS, RUNS_TABLE,
      QUERIES, QUERIES_SELECTED, OVERWRITE, TABLES, TARGET_ROWS_PER_PARTITION, MAX_PARTITIONS, ON_SCHEMA_CHANGE);
  static final Set<String> QUERY_KEYS = Set.of(PARTITION_COLUMN, PARTITION_STRATEGY, NUM_PARTITIONS, LOWER_BOUND,
      UPPER_BOUND, PREDICATES, FETCH_SIZE, FORMAT, MODE, INCREMENTAL_COLUMN, LOOKBACK, KEYS, ON_SCHEMA_CHANGE);
  static final Set<String> TABLE_KEYS = union(QUERY_KEYS, Set.of(TABLE, COLUMNS, WHERE, TARGET_ROWS_PER_PARTITION, ON_STALE));

  public ExtractConfig {
    // resolved once, here: a relative path is absolute from then on (see LakeLocation)
    runsTable = runsTable.map(t -> LakeLocation.resolve(SECTION + "." + RUNS_TABLE, t, "catalog.schema.table", 3));
    selectedQueries = List.copyOf(selectedQueries);
    queries = Map.copyOf(queries);
    tables = Map.copyOf(tables);
    for (String name : tables.keySet()) {
      ConfigException.check(!queries.containsKey(name),
          "%s.%s.%s and %s.%s.%s name the same output; rename one of them.", SECTION, QUERIES, name, SECTION, TABLES, name);
    }
  }

  /** The same settings with more tables (the command line's {@code --table}). */
  public ExtractConfig withTables(Map<String, TableSpec> more) {
    Map<String, TableSpec> all = new LinkedHashMap<>(tables);
    all.putAll(more);
    return new ExtractConfig(maxConcurrentQueries, format, mode, fetchSize, numPartitions, runsTable, selectedQueries, overwrite,
        queries, all, targetRowsPerPartition, maxPartitions, onSchemaChange);
  }

  /**
   * These run-level settings with {@code table} as the only output, for describing one table (run-query INFO writes
   * nothing, so a configured query's name cannot clash with it).
   */
  public ExtractConfig withOnlyTable(TableSpec table) {
    return new ExtractConfig(maxConcurrentQueries, format, mode, fetchSize, numPartitions, runsTable, List.of(), overwrite,
        Map.of(), Map.of(table.name(), table), targetRowsPerPartition, maxPartitions, onSchemaChange);
  }

  /** Parses and validates the {@code extract} section of a loaded configuration. */
  public static ExtractConfig from(Config root) {
    Config c = root.hasPath(SECTION) ? root.getConfig(SECTION) : com.typesafe.config.ConfigFactory.empty();
    rejectUnknown(c, SECTION, RUN_KEYS);
    int maxConcurrent = positiveInt(c, SECTION, MAX_CONCURRENT_QUERIES, DEFAULT_MAX_CONCURRENT_QUERIES);
    OutputFormat format = c.hasPath(FORMAT) ? OutputFormat.parse(SECTION + "." + FORMAT, c.getString(FORMAT)) : DEFAULT_FORMAT;
    WriteMode mode = c.hasPath(MODE) ? WriteMode.parse(SECTION + "." + MODE, c.getString(MODE)) : DEFAULT_MODE;
    int fetchSize = positiveInt(c, SECTION, FETCH_SIZE, DEFAULT_FETCH_SIZE);
    int numPartitions = positiveInt(c, SECTION, NUM_PARTITIONS, DEFAULT_NUM_PARTITIONS);
    Optional<String> runs = runsTable(root);
    Map<String, QueryOptions> queries = new LinkedHashMap<>();
    if (c.hasPath(QUERIES)) {
      Config qs = c.getConfig(QUERIES);
      for (String name : new TreeSet<>(qs.root().keySet())) {
        String path = SECTION + "." + QUERIES + "." + name;
        ConfigException.check(qs.root().get(name).valueType() == ConfigValueType.OBJECT,
            "%s must be a block { partition-column = ..., ... }.", path);
        queries.put(name, parseQuery(name, path, qs.getConfig("\"" + name + "\""), false));
      }
    }
    Map<String, TableSpec> tables = new LinkedHashMap<>();
    if (c.hasPath(TABLES)) {
      Config ts = c.getConfig(TABLES);
      for (String name : new TreeSet<>(ts.root().keySet())) {
        String path = SECTION + "." + TABLES + "." + name;
        ConfigException.check(ts.root().get(name).valueType() == ConfigValueType.OBJECT,
            "%s must be a block { table = \"dbo.X\", ... }.", path);
        tables.put(name, parseTable(name, path, ts.getConfig("\"" + name + "\"")));
      }
    }
    long targetRows = positiveLong(c, SECTION, TARGET_ROWS_PER_PARTITION, DEFAULT_TARGET_ROWS_PER_PARTITION);
    int maxPartitions = positiveInt(c, SECTION, MAX_PARTITIONS, DEFAULT_MAX_PARTITIONS);
    List<String> selected = optString(c, QUERIES_SELECTED).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    boolean overwrite = bool(c, SECTION + "." + OVERWRITE, OVERWRITE);
    SchemaChangePolicy onSchemaChange = optString(c, ON_SCHEMA_CHANGE)
        .map(v -> SchemaChangePolicy.parse(SECTION + "." + ON_SCHEMA_CHANGE, v)).orElse(DEFAULT_ON_SCHEMA_CHANGE);
    return new ExtractConfig(maxConcurrent, format, mode, fetchSize, numPartitions,
        runs, selected, overwrite, queries, tables, targetRows, maxPartitions,
        onSchemaChange);
  }

  /**
   * {@code extract.runs-table} alone, resolved (a relative path made absolute); empty when set to {@code ""}. For
   * SyncJob and submit-event, which must never take it as a source and need nothing else of the section.
   */
  public static Optional<String> runsTable(Config root) {
    String path = SECTION + "." + RUNS_TABLE;
    String runs = root.hasPath(path) ? root.getString(path).trim() : DEFAULT_RUNS_TABLE;
    return runs.isEmpty() ? Optional.empty() : Optional.of(LakeLocation.resolve(path, runs, "catalog.schema.table", 3));
  }

  /** The options of {@code query} (a template or a table), or its defaults when the config has no block for it. */
  public QueryOptions query(String query) {
    TableSpec t = tables.get(query);
    return t != null ? t.options() : queries.getOrDefault(query, QueryOptions.defaults(query));
  }

  /** True when {@code name} is a table extracted by name (no template). */
  public boolean isTable(String name) {
    return tables.containsKey(name);
  }

  /**
   * A table block: {@code table} (may hold {@code {param}} placeholders), optional {@code columns} and
   * {@code where}, and the same per-query keys as a template. With {@code mode = incremental} the watermark
   * column may be left out: it is then chosen from the table's metadata at run time.
   */
  private static TableSpec parseTable(String name, String path, Config t) {
    rejectUnknown(t, path, TABLE_KEYS);
    String table = optString(t, TABLE).orElseThrow(() -> new ConfigException(
        path + "." + TABLE + " is missing: name the source table, e.g. table = \"dbo.J_Ventas_CO\"."));
    List<String> columns = t.hasPath(COLUMNS) ? t.getStringList(COLUMNS).stream().map(String::trim).toList() : List.of();
    ConfigException.check(columns.stream().noneMatch(String::isEmpty), "%s.%s has an empty column name.", path, COLUMNS);
    Optional<Long> target = t.hasPath(TARGET_ROWS_PER_PARTITION)
        ? Optional.of(positiveLong(t, path, TARGET_ROWS_PER_PARTITION, 1)) : Optional.empty();
    Config rest = t.withoutPath(TABLE).withoutPath(COLUMNS).withoutPath(WHERE).withoutPath(TARGET_ROWS_PER_PARTITION).withoutPath(ON_STALE);
    QueryOptions options = parseQuery(name, path, rest, true);
    ChangesOptions changes = optString(t, ON_STALE).map(v -> new ChangesOptions(OnStale.parse(path + "." + ON_STALE, v)))
        .orElse(ChangesOptions.DEFAULTS);
    ConfigException.check(!t.hasPath(ON_STALE) || options.mode().orElse(WriteMode.CHANGES) == WriteMode.CHANGES,
        "%s.%s is only read by mode = changes; remove it or set %s.%s = changes.", path, ON_STALE, path, MODE);
    return new TableSpec(name, table, columns, optString(t, WHERE), target, options, changes);
  }

  private static QueryOptions parseQuery(String name, String path, Config q, boolean autoWatermark) {
    rejectUnknown(q, path, QUERY_KEYS);
    Optional<String> column = optString(q, PARTITION_COLUMN);
    Optional<Bound> lower = optString(q, LOWER_BOUND).map(v -> Bound.parse(path + "." + LOWER_BOUND, v));
    Optional<Bound> upper = optString(q, UPPER_BOUND).map(v -> Bound.parse(path + "." + UPPER_BOUND, v));
    List<String> predicates = q.hasPath(PREDICATES) ? q.getStringList(PREDICATES) : List.of();
    Optional<Integer> parts = q.hasPath(NUM_PARTITIONS)
        ? Optional.of(positiveInt(q, path, NUM_PARTITIONS, 1)) : Optional.empty();
    ConfigException.check(lower.isPresent() == upper.isPresent(),
        "%s.%s and %s.%s go together: set both or neither.", path, LOWER_BOUND, path, UPPER_BOUND);
    ConfigException.check(lower.isEmpty() || column.isPresent(),
        "%s.%s/%s need %s.%s.", path, LOWER_BOUND, UPPER_BOUND, path, PARTITION_COLUMN);
    ConfigException.check(lower.isEmpty() || Bound.compare(path + "." + LOWER_BOUND, lower.get(), path + "." + UPPER_BOUND, upper.get()) <= 0,
        "%s.%s (%s) must be <= %s.%s (%s).", path, LOWER_BOUND, lower.map(Bound::value).orElse(null),
        path, UPPER_BOUND, upper.map(Bound::value).orElse(null));
    ConfigException.check(parts.isEmpty() || column.isPresent(),
        "%s.%s needs %s.%s (or use %s).", path, NUM_PARTITIONS, path, PARTITION_COLUMN, PREDICATES);
    ConfigException.check(predicates.isEmpty() || column.isEmpty(),
        "%s.%s and %s.%s exclude each other: give predicates or a partition column.", path, PREDICATES, path, PARTITION_COLUMN);
    PartitionStrategy strategy = optString(q, PARTITION_STRATEGY)
        .map(v -> PartitionStrategy.parse(path + "." + PARTITION_STRATEGY, v)).orElse(PartitionStrategy.AUTO);
    ConfigException.check(strategy == PartitionStrategy.AUTO || column.isPresent(),
        "%s.%s needs %s.%s.", path, PARTITION_STRATEGY, path, PARTITION_COLUMN);
    Optional<String> incremental = optString(q, INCREMENTAL_COLUMN);
    // Naming a watermark column means incremental; only an explicit other mode contradicts it.
    Optional<WriteMode> mode = optString(q, MODE).map(v -> WriteMode.parse(path + "." + MODE, v))
        .or(() -> incremental.map(c -> WriteMode.INCREMENTAL));
    Optional<Lookback> lookback = q.hasPath(LOOKBACK) ? Optional.of(lookback(q, path + "." + LOOKBACK)) : Optional.empty();
    List<String> keys = q.hasPath(KEYS) ? q.getStringList(KEYS) : List.of();
    ConfigException.check(autoWatermark || mode.orElse(null) != WriteMode.INCREMENTAL || incremental.isPresent(),
        "%s.%s = incremental needs %s.%s (the watermark column).", path, MODE, path, INCREMENTAL_COLUMN);
    ConfigException.check(incremental.isEmpty() || mode.orElse(null) == WriteMode.INCREMENTAL,
        "%s.%s is set but %s.%s = %s; remove the mode (incremental is implied) or the incremental-column.",
        path, INCREMENTAL_COLUMN, path, MODE, mode.map(WriteMode::key).orElse(""));
    ConfigException.check(lookback.isEmpty() || !keys.isEmpty(),
        "%s re-reads rows already loaded; set %s.%s so they are merged instead of doubled.", path + "." + LOOKBACK, path, KEYS);
    ConfigException.check(keys.isEmpty() || incremental.isPresent() || (autoWatermark && mode.orElse(null) == WriteMode.INCREMENTAL),
        "%s.%s is only used by incremental mode (MERGE by key); set %s.%s or remove the keys.", path, KEYS, path, INCREMENTAL_COLUMN);
    return new QueryOptions(name, column, strategy, parts, lower, upper, predicates,
        q.hasPath(FETCH_SIZE) ? Optional.of(positiveInt(q, path, FETCH_SIZE, 1)) : Optional.empty(),
        optString(q, FORMAT).map(v -> OutputFormat.parse(path + "." + FORMAT, v)),
        mode, incremental, lookback, keys,
        optString(q, ON_SCHEMA_CHANGE).map(v -> SchemaChangePolicy.parse(path + "." + ON_SCHEMA_CHANGE, v)));
  }

  private static Lookback lookback(Config q, String path) {
    ConfigValue v = q.getValue(LOOKBACK);
    if (v.valueType() == ConfigValueType.NUMBER) {
      return Lookback.ofAmount(new BigDecimal(String.valueOf(v.unwrapped())));
    }
    try {
      return Lookback.ofDuration(q.getDuration(LOOKBACK));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(path + " = '" + v.unwrapped() + "' is neither a number nor a duration such as \"2 days\" or \"6h\".", e);
    }
  }

  private static void rejectUnknown(Config c, String path, Set<String> known) {
    for (String key : c.root().keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException("Unknown key " + path + "." + key + " (from " + c.root().get(key).origin().description()
            + "); known keys: " + new TreeSet<>(known) + ".");
      }
    }
  }

  private static int positiveInt(Config c, String path, String key, int fallback) {
    if (!c.hasPath(key)) {
      return fallback;
    }
    int v;
    try {
      v = c.getInt(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(path + "." + key + " must be a whole number, got '" + c.getValue(key).unwrapped() + "'.", e);
    }
    ConfigException.check(v >= 1, "%s.%s must be at least 1, got %d.", path, key, v);
    return v;
  }

  private static long positiveLong(Config c, String path, String key, long fallback) {
    if (!c.hasPath(key)) {
      return fallback;
    }
    long v;
    try {
      v = c.getLong(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(path + "." + key + " must be a whole number, got '" + c.getValue(key).unwrapped() + "'.", e);
    }
    ConfigException.check(v >= 1, "%s.%s must be at least 1, got %d.", path, key, v);
    return v;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  private static boolean bool(Config c, String path, String key) {
    if (!c.hasPath(key)) {
      return false;
    }
    try {
      return c.getBoolean(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(path + " must be true or false, got '" + c.getValue(key).unwrapped() + "'.", e);
    }
  }

  private static Optional<String> optString(Config c, String key) {
    if (!c.hasPath(key)) {
      return Optional.empty();
    }
    String v = c.getString(key).trim();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
