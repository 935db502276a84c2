package com.kwp.bridge.dialect;

import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's read SQL: the ANSI forms plus hash buckets, and for {@code mode = changes} a change log the
 * bridge defines: {@code <table>_bridge_changes} beside the table (the key columns, an identity
 * {@code bridge_version}, the operation I/U/D and the time), filled by an AFTER row trigger.
 */
public class PostgresReadSql extends ReadSql {
  private static final long serialVersionUID = 1L;

  public PostgresReadSql(SqlNames names) {
    super(names);
  }

  @Override
  public String hashBucketPredicate(String column, int buckets, int bucket) {
    return "(hashtext(CAST(" + names.quoteIdentifier(column) + " AS text)) % " + buckets + " + " + buckets + ") % " + buckets + " = " + bucket;
  }

  @Override
  public Optional<String> copyOutQuery(String query, String alias, String predicate) {
    return Optional.of("COPY (SELECT * FROM " + derivedTable(query, alias) + (predicate == null ? "" : " WHERE " + predicate)
        + ") TO STDOUT (FORMAT binary)");
  }

  /** The change log table of {@code table}: {@code <table>_bridge_changes} in the same schema. */
  public static TableName changeLog(TableName table) {
    return new TableName(table.catalog(), table.schema(), table.table() + LOG_SUFFIX);
  }

  /** The name the log's trigger is created with (quoted, so stored exactly so). */
  public static String changeLogTrigger(TableName table) {
    return table.table() + LOG_SUFFIX;
  }

  static final String LOG_SUFFIX = "_bridge_changes";

  /**
   * The log keeps the key's types (CREATE TABLE AS ... WITH NO DATA copies them); a key update is logged as a
   * delete of the old key and an insert of the new one, as SQL Server change tracking reports it; TRUNCATE,
   * which fires no row trigger, is refused; a first row 'S' (setup) starts the versions, so rolled-back
   * versions before the first change cannot look like cleaned-up ones.
   */
  @Override
  public List<String> changeTrackingSetup(TableName table, List<String> keys) {
    String log = names.renderName(changeLog(table));
    String fn = names.renderName(new TableName(table.catalog(), table.schema(), table.table() + LOG_SUFFIX + "_fn"));
    String trigger = names.quoteIdentifier(changeLogTrigger(table));
    String keyList = names.columnList(keys);
    String oldKey = "ROW(" + names.columnList("OLD", keys) + ")";
    String newKey = "ROW(" + names.columnList("NEW", keys) + ")";
    String insert = "INSERT INTO " + log + " (" + keyList + ", bridge_op) VALUES (";
    return List.of(
        "CREATE TABLE " + log + " AS SELECT " + keyList + " FROM " + names.renderName(table) + " WITH NO DATA",
        "ALTER TABLE " + log + " ADD COLUMN bridge_version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " ADD COLUMN bridge_op char(1) NOT NULL, ADD COLUMN bridge_changed_at timestamptz NOT NULL DEFAULT clock_timestamp()",
        "CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $bridge$ BEGIN"
            + " IF TG_OP = 'TRUNCATE' THEN RAISE EXCEPTION 'TRUNCATE of % is not recorded by its bridge change log; DELETE the rows instead',"
            + " TG_TABLE_NAME; END IF;"
            + " IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND " + oldKey + " IS DISTINCT FROM " + newKey + ") THEN "
            + insert + names.columnList("OLD", keys) + ", 'D'); END IF;"
            + " IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND " + oldKey + " IS DISTINCT FROM " + newKey + ") THEN "
            + insert + names.columnList("NEW", keys) + ", 'I');"
            + " ELSIF TG_OP = 'UPDATE' THEN " + insert + names.columnList("NEW", keys) + ", 'U'); END IF;"
            + " RETURN NULL; END $bridge$",
        "CREATE TRIGGER " + trigger + " AFTER INSERT OR UPDATE OR DELETE ON " + names.renderName(table)
            + " FOR EACH ROW EXECUTE FUNCTION " + fn + "()",
        "CREATE TRIGGER " + names.quoteIdentifier(changeLogTrigger(table) + "_truncate") + " BEFORE TRUNCATE ON "
            + names.renderName(table) + " FOR EACH STATEMENT EXECUTE FUNCTION " + fn + "()",
        "INSERT INTO " + log + " (bridge_op) VALUES ('S')");
  }

  /**
   * Deletes a prefix of the log: every entry below the newest one older than {@code retention}, which is
   * kept so the minimum valid version stays exact. The lock waits for in-flight writers, so no uncommitted
   * lower version can survive below the deleted ones.
   */
  @Override
  public List<String> changeLogCleanup(TableName table, String retention) {
    String log = names.renderName(changeLog(table));
    return List.of("LOCK TABLE " + log + " IN SHARE ROW EXCLUSIVE MODE",
        "DELETE FROM " + log + " WHERE bridge_version < (SELECT MAX(bridge_version) FROM " + log
            + " WHERE bridge_changed_at < clock_timestamp() - CAST(" + names.stringLiteral(retention) + " AS interval))");
  }

  /**
   * Identity values are taken at insert, not commit: SHARE mode waits for every transaction that has
   * written to the log and holds off new ones, so MAX(bridge_version) has nothing uncommitted below it.
   */
  @Override
  public String changeVersionLock(TableName table) {
    return "LOCK TABLE " + names.renderName(changeLog(table)) + " IN SHARE MODE";
  }

  @Override
  public String changeCurrentVersionQuery(TableName table) {
    return "SELECT COALESCE(MAX(bridge_version), 0) AS v FROM " + names.renderName(changeLog(table));
  }

  @Override
  public String changeMinValidVersionQuery(TableName table) {
    return "SELECT COALESCE(MIN(bridge_version) - 1, 0) AS v FROM " + names.renderName(changeLog(table));
  }

  @Override
  public String changesQuery(TableName table, List<String> keys, List<String> columns, long fromVersion, long toVersion) {
    String keyList = names.columnList(keys);
    return "SELECT " + changeColumns(keys, columns, "bridge_ct", "bridge_row", "'U'") + " FROM (SELECT DISTINCT " + keyList
        + " FROM " + names.renderName(changeLog(table)) + " WHERE bridge_version > " + fromVersion + " AND bridge_version <= " + toVersion
        + " AND bridge_op <> 'S') bridge_ct LEFT JOIN " + names.renderName(table) + " bridge_row ON "
        + keyJoin(keys, "bridge_row", "bridge_ct");
  }
}
