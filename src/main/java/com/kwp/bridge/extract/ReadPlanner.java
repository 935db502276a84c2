package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.config.TableSpec;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.template.QueryTemplates;
import com.kwp.bridge.template.TemplateParams;
import com.kwp.bridge.template.TemplateRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a query's rows come from and how its read is cut, shared by ExtractJob and the notebook
 * DataFrames: a template is rendered, a table by name becomes its whole-table query; explicit partition
 * options are planned as configured, a table without them is planned from its metadata
 * ({@link PartitionChooser}), and an incremental table without a watermark column gets one
 * ({@link WatermarkChooser}).
 */
public final class ReadPlanner {
  private final SqlDialect dialect;
  private final ExtractConfig config;
  private final TemplateParams params;
  private final Path queriesDir;
  private final SourceProbe probe;
  private final PartitionSource partitions;
  private final TableMetadataReader catalog;

  public ReadPlanner(ConnectionConfig source, SqlDialect dialect, ExtractConfig config, TemplateParams params, Path queriesDir) {
    this.dialect = dialect;
    this.config = config;
    this.params = params;
    this.queriesDir = queriesDir;
    this.probe = new SourceProbe(source, dialect);
    this.partitions = new PartitionSource(probe, dialect);
    this.catalog = new TableMetadataReader(source, dialect);
  }

  /** A query's source: its SQL, and for a table by name the resolved table and (once read) its metadata. */
  public static final class Source {
    private final String name;
    private final String sql;
    private final TableSource.ResolvedTable table;
    private final TableSpec spec;
    private TableMetadata metadata;

    Source(String name, String sql, TableSource.ResolvedTable table, TableSpec spec) {
      this.name = name;
      this.sql = sql;
      this.table = table;
      this.spec = spec;
    }

    public String name() {
      return name;
    }

    public String sql() {
      return sql;
    }

    public Optional<TableSource.ResolvedTable> table() {
      return Optional.ofNullable(table);
    }
  }

  /** The source of {@code name}: a configured table, else the template {@code name.sql}. */
  public Source source(String name) {
    if (config.isTable(name)) {
      return table(config.tables().get(name));
    }
    return new Source(name, new TemplateRenderer(dialect.names()).render(QueryTemplates.load(queriesDir, name), params), null, null);
  }

  /** The source of a table given directly (a notebook's or run-query's table name). */
  public Source table(TableSpec spec) {
    TableSource.ResolvedTable t = TableSource.resolve(spec, params, dialect);
    return new Source(spec.name(), t.sql(), t, spec);
  }

  /** The table's catalog metadata, read once per source. */
  public TableMetadata metadata(Source s) {
    if (s.metadata == null) {
      s.metadata = catalog.read(s.table().orElseThrow().table());
    }
    return s.metadata;
  }

  /** The partition plan for {@code sql} (the source's query, possibly restricted by a watermark). */
  public PartitionPlan plan(Source s, String sql, QuerySettings settings) {
    var q = settings.options();
    if (s.table == null || !q.predicates().isEmpty() || q.partitionColumn().isPresent()) {
      return partitions.plan(sql, settings);
    }
    PartitionChooser.Sizing sizing = new PartitionChooser.Sizing(q.numPartitions(),
        s.spec.targetRowsPerPartition().orElse(config.targetRowsPerPartition()), config.maxPartitions(), config.numPartitions(),
        taskSlots());
    return new PartitionChooser(dialect, probe).choose(s.table, metadata(s), sql, sizing).plan();
  }

  /** Tasks the active Spark session runs at once (its default parallelism); 0 without a session (list, INFO). */
  private static int taskSlots() {
    var active = org.apache.spark.sql.SparkSession.getActiveSession();
    return active.isDefined() ? active.get().sparkContext().defaultParallelism() : 0;
  }

  /** The watermark column of an incremental query: as configured, or chosen from a table's metadata. */
  public WatermarkChooser.Choice watermark(Source s, QuerySettings settings, List<SourceColumn> columns) {
    Optional<String> configured = settings.options().incrementalColumn();
    if (configured.isPresent()) {
      String c = configured.get();
      boolean rowversion = dialect.reads().rowversionUpperBoundQuery() != null && (s.table != null
          ? metadata(s).column(c).map(CatalogColumn::isRowversion).orElse(false)
          : columns.stream().anyMatch(sc -> sc.name().equals(c) && isRowversionType(sc.typeName())));
      return new WatermarkChooser.Choice(c, rowversion, "incremental-column = " + c + " (configured)");
    }
    String key = ExtractConfig.SECTION + "." + ExtractConfig.TABLES + "." + s.name + "." + ExtractConfig.INCREMENTAL_COLUMN;
    WatermarkChooser.Choice choice = WatermarkChooser.choose(key, metadata(s));
    return new WatermarkChooser.Choice(choice.column(), choice.rowversion() && dialect.reads().rowversionUpperBoundQuery() != null, choice.why());
  }

  /** mssql-jdbc names a rowversion result column's type "timestamp" (its old alias). */
  private static boolean isRowversionType(String typeName) {
    String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    return t.equals("timestamp") || t.equals("rowversion");
  }

  public SourceProbe probe() {
    return probe;
  }

  public SqlDialect dialect() {
    return dialect;
  }
}
