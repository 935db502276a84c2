package com.kwp.bridge.client;

import com.kwp.bridge.error.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the deployed bridge lives in a workspace: the two jobs (by the bundle's names, or by id), the SQL
 * warehouse that runs the event statements and the catalog.schema of the bridge tables. Credentials are not
 * here: they belong to the SDK's unified auth.
 *
 * @param developmentTarget the bundle was deployed with {@code -t dev}: job names carry "[dev <short name>] "
 * @param statementWait how long one statement call waits for a result (the API allows 0 or 5 to 50 seconds)
 * @param statementTimeout after this a statement still PENDING/RUNNING is canceled and the call fails
 */
public record ClientSettings(
    String extractJobName, Long extractJobId, String syncJobName, Long syncJobId, boolean developmentTarget,
    String warehouseId, String catalog, String schema, Duration statementWait, Duration statementTimeout,
    Duration pollInitial, Duration pollMax) {

  /** The job names of resources/extract.job.yml and resources/sync.job.yml. */
  public static final String EXTRACT_JOB_NAME = "bridge-extract";
  public static final String SYNC_JOB_NAME = "bridge-sync";
  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9_]+");

  public ClientSettings {
    ConfigException.check(NAME_PART.matcher(catalog).matches(), "catalog '%s' is not a plain identifier (letters, digits, _)", catalog);
    ConfigException.check(NAME_PART.matcher(schema).matches(), "schema '%s' is not a plain identifier (letters, digits, _)", schema);
    long waitSeconds = statementWait.toSeconds();
    ConfigException.check(waitSeconds == 0 || (waitSeconds >= 5 && waitSeconds <= 50),
        "statement wait %ss is outside what the Statement Execution API accepts (0, or 5 to 50 seconds)", waitSeconds);
  }

  /** The bundle's defaults: production names, catalog {@code bridge}, schema {@code events}, no warehouse. */
  public static ClientSettings defaults() {
    return new ClientSettings(EXTRACT_JOB_NAME, null, SYNC_JOB_NAME, null, false, null, "bridge", "events",
        Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  /**
   * Defaults overridden by {@code BRIDGE_TARGET} (dev or prod), {@code BRIDGE_EXTRACT_JOB_ID}, {@code BRIDGE_SYNC_JOB_ID},
   * {@code BRIDGE_WAREHOUSE_ID}, {@code BRIDGE_CATALOG} and {@code BRIDGE_SCHEMA}.
   */
  public static ClientSettings fromEnvironment(Map<String, String> env) {
    ClientSettings s = defaults();
    String target = env.getOrDefault("BRIDGE_TARGET", "prod").trim();
    ConfigException.check(target.equals("dev") || target.equals("prod"), "BRIDGE_TARGET is '%s'; use dev or prod (the bundle's targets)", target);
    s = s.withDevelopmentTarget(target.equals("dev"));
    if (present(env, "BRIDGE_EXTRACT_JOB_ID")) {
      s = s.withExtractJobId(jobId("BRIDGE_EXTRACT_JOB_ID", env.get("BRIDGE_EXTRACT_JOB_ID")));
    }
    if (present(env, "BRIDGE_SYNC_JOB_ID")) {
      s = s.withSyncJobId(jobId("BRIDGE_SYNC_JOB_ID", env.get("BRIDGE_SYNC_JOB_ID")));
    }
    if (present(env, "BRIDGE_WAREHOUSE_ID")) {
      s = s.withWarehouseId(env.get("BRIDGE_WAREHOUSE_ID").trim());
    }
    if (present(env, "BRIDGE_CATALOG") || present(env, "BRIDGE_SCHEMA")) {
      s = s.withTables(env.getOrDefault("BRIDGE_CATALOG", s.catalog).trim(), env.getOrDefault("BRIDGE_SCHEMA", s.schema).trim());
    }
    return s;
  }

  /** Parses a job id given in configuration. */
  public static long jobId(String what, String value) {
    try {
      long id = Long.parseLong(value.trim());
      ConfigException.check(id > 0, "%s must be a positive job id, got '%s'", what, value);
      return id;
    } catch (NumberFormatException e) {
      throw new com.kwp.bridge.error.ConfigException(what + " must be a job id (a number), got '" + value + "'");
    }
  }

  public String eventsTable() {
    return table("bridge_events");
  }

  public String statusTable() {
    return table("bridge_event_status");
  }

  public String extractRunsTable() {
    return table("bridge_extract_runs");
  }

  private String table(String name) {
    return catalog + "." + schema + "." + name;
  }

  /** The warehouse id, or a ConfigException saying how to give one. */
  public String requireWarehouse() {
    ConfigException.check(warehouseId != null && !warehouseId.isBlank(),
        "no SQL warehouse configured: set BRIDGE_WAREHOUSE_ID (or --warehouse-id) to a warehouse the principal has CAN_USE on");
    return warehouseId;
  }

  public ClientSettings withExtractJobId(Long id) {
    return new ClientSettings(extractJobName, id, syncJobName, syncJobId, developmentTarget, warehouseId, catalog, schema,
        statementWait, statementTimeout, pollInitial, pollMax);
  }

  public ClientSettings withSyncJobId(Long id) {
    return new ClientSettings(extractJobName, extractJobId, syncJobName, id, developmentTarget, warehouseId, catalog, schema,
        statementWait, statementTimeout, pollInitial, pollMax);
  }

  public ClientSettings withDevelopmentTarget(boolean dev) {
    return new ClientSettings(extractJobName, extractJobId, syncJobName, syncJobId, dev, warehouseId, catalog, schema,
        statementWait, statementTimeout, pollInitial, pollMax);
  }

  public ClientSettings withWarehouseId(String id) {
    return new ClientSettings(extractJobName, extractJobId, syncJobName, syncJobId, developmentTarget, id, catalog, schema,
        statementWait, statementTimeout, pollInitial, pollMax);
  }

  public ClientSettings withTables(String catalog, String schema) {
    return new ClientSettings(extractJobName, extractJobId, syncJobName, syncJobId, developmentTarget, warehouseId, catalog, schema,
        statementWait, statementTimeout, pollInitial, pollMax);
  }

  /** Statement waiting and polling (tests use short ones). */
  public ClientSettings withStatementTiming(Duration wait, Duration timeout, Duration pollInitial, Duration pollMax) {
    return new ClientSettings(extractJobName, extractJobId, syncJobName, syncJobId, developmentTarget, warehouseId, catalog, schema,
        wait, timeout, pollInitial, pollMax);
  }

  private static boolean present(Map<String, String> env, String key) {
    return env.get(key) != null && !env.get(key).isBlank();
  }
}
