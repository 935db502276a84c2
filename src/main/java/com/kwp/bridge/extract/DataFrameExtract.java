package com.kwp.bridge.extract;

import com.kwp.bridge.config.ConfigLoader;
import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.config.ConnectionConfigs;
import com.kwp.bridge.config.ExtractConfig;
import com.kwp.bridge.config.QuerySettings;
import com.kwp.bridge.config.TableSpec;
import com.kwp.bridge.dialect.Dialects;
import com.kwp.bridge.dialect.SqlDialect;
import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.template.QueryTemplates;
import com.kwp.bridge.template.TemplateParams;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * SQL Server to a DataFrame for notebooks ({@code BridgeOperator.extractToSpark}): the same source
 * connection, template rendering, partition planning and read casts as ExtractJob, but nothing is
 * written; the caller writes the DataFrame. The password stays in the JDBC connection properties.
 */
public final class DataFrameExtract {
  private static final Logger LOG = Logger.getLogger(DataFrameExtract.class.getName());
  private final SparkSession spark;
  private final Path configDir;
  private final Path queriesDir;
  private final Optional<ConnectionConfig> source;
  private final Map<String, String> env;

  /**
   * @param configDir  the conf folder ExtractJob uses (common.conf, Country.conf)
   * @param queriesDir the .sql templates (may not exist when only tables and SQL text are read)
   * @param source     a connection to use instead of the config's {@code source} section
   */
  public DataFrameExtract(SparkSession spark, Path configDir, Path queriesDir, Optional<ConnectionConfig> source, Map<String, String> env) {
    this.spark = spark;
    this.configDir = configDir;
    this.queriesDir = queriesDir;
    this.source = source;
    this.env = Map.copyOf(env);
  }

  /** Connection from the config folder and the environment, as ExtractJob's. */
  public static DataFrameExtract fromConfig(SparkSession spark, Path configDir, Path queriesDir) {
    return new DataFrameExtract(spark, configDir, queriesDir, Optional.empty(), System.getenv());
  }

  /** A DataFrame of SQL text (common.conf only; one partition: SQL text has no table to plan from). */
  public Dataset<Row> sql(String sql) {
    Context c = context(null);
    String text = sql.strip();
    ConfigException.check(!text.isEmpty(), "extractToSpark: the SQL text is empty.");
    String cast = ReadCasts.apply(c.dialect.reads(), text, c.planner.probe().columns(text)).orElse(text);
    PartitionPlan plan = PartitionPlan.single("SQL text");
    LOG.info(() -> "extractToSpark(sql): " + plan.description());
    return new JdbcReader(c.source, c.dialect).dataFrame(spark, cast, plan, c.config.fetchSize());
  }

  /**
   * A DataFrame of a configured table, a template ({@code queries/<name>.sql}), or, when it is neither, a
   * source table by name ({@code dbo.X}), for {@code country}: planned exactly as ExtractJob would plan it.
   */
  public Dataset<Row> queryOrTable(String name, String country) {
    Context c = context(country);
    ExtractConfig config = c.config;
    String key = name.trim();
    boolean template = !config.isTable(key) && Files.isDirectory(queriesDir) && QueryTemplates.names(queriesDir).contains(key);
    if (!config.isTable(key) && !template) {
      String output;
      try {
        output = TableName.parse(key).table();
      } catch (BridgeException e) {
        throw new ConfigException("extractToSpark: '" + name + "' is no configured table, no template in " + queriesDir
            + " and no table name: " + e.getMessage());
      }
      config = config.withTables(Map.of(output, TableSpec.adHoc(output, key)));
      key = output;
    }
    ReadPlanner planner = new ReadPlanner(c.source, c.dialect, config, c.params, queriesDir);
    QuerySettings settings = QuerySettings.resolve(config, key, Optional.empty(), true);
    ReadPlanner.Source src = planner.source(key);
    String sql = ReadCasts.apply(c.dialect.reads(), src.sql(), planner.probe().columns(src.sql())).orElse(src.sql());
    PartitionPlan plan = planner.plan(src, sql, settings);
    String shown = key;
    LOG.info(() -> "extractToSpark(" + shown + ", " + country + "): " + plan.description());
    return new JdbcReader(c.source, c.dialect).dataFrame(spark, sql, plan, settings.fetchSize());
  }

  private record Context(ConnectionConfig source, SqlDialect dialect, ExtractConfig config, TemplateParams params, ReadPlanner planner) {}

  private Context context(String country) {
    Config config = ConfigLoader.load(new ConfigLoader.Request(configDir, country, Map.of(), Map.of(), env));
    ConnectionConfig src = source.orElseGet(() -> ConnectionConfigs.from(config, "source"));
    SqlDialect dialect = Dialects.forUrl(src.url());
    ExtractConfig extract = ExtractConfig.from(config);
    TemplateParams params = TemplateParams.from(config, configDir, country);
    return new Context(src, dialect, extract, params, new ReadPlanner(src, dialect, extract, params, queriesDir));
  }
}
