package com.kwp.bridge.sync;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;

/** The SyncJob scenarios on the embedded PostgreSQL. */
class SyncPostgresIT extends SyncScenarios {
  @Override
  TestDatabase newDatabase() {
    return TestDatabases.postgres();
  }

  @Override
  String type(String logical) {
    return switch (logical) {
      case "int" -> "integer";
      case "text" -> "text";
      case "decimal" -> "numeric(18,4)";
      case "timestamp" -> "timestamp(6)";
      case "date" -> "date";
      case "binary" -> "bytea";
      case "boolean" -> "boolean";
      case "key text" -> "text";
      case "server-filled" -> "bigint NOT NULL GENERATED ALWAYS AS IDENTITY";
      default -> logical;
    };
  }

  @Override
  boolean textKeysFoldCase() {
    return false;
  }

  /**
   * An event trigger arms the staging table when SyncJob creates it: a statement trigger there raises
   * SQLSTATE 40001 on the first COPY only, i.e. inside the Spark task that bulk-loads it.
   */
  @Override
  boolean injectTransientBulkFailureOnce(String stagingTable) {
    f.db.execute("CREATE SEQUENCE bulk_fail_count",
        "CREATE FUNCTION bulk_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF nextval('bulk_fail_count') = 1 THEN RAISE EXCEPTION 'injected serialization failure in COPY' USING ERRCODE = '40001'; END IF;"
            + " RETURN NULL; END $$",
        "CREATE FUNCTION bulk_arm() RETURNS event_trigger LANGUAGE plpgsql AS $$ DECLARE obj record; BEGIN"
            + " FOR obj IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP"
            + " IF obj.object_identity = 'bridge_staging." + stagingTable + "' AND obj.command_tag <> 'CREATE TRIGGER' THEN"
            + " EXECUTE 'CREATE TRIGGER bulk_fail BEFORE INSERT ON ' || obj.object_identity || ' FOR EACH STATEMENT EXECUTE FUNCTION bulk_fail_once()';"
            + " END IF; END LOOP; END $$",
        "CREATE EVENT TRIGGER bulk_arm ON ddl_command_end EXECUTE FUNCTION bulk_arm()");
    return true;
  }

  /** A statement trigger raising SQLSTATE 40001 the first time only; the sequence counts outside the rolled-back transaction. */
  @Override
  boolean injectTransientFailureOnce(String table) {
    f.db.execute("CREATE SEQUENCE " + table + "_fail_count",
        "CREATE FUNCTION " + table + "_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF nextval('" + table + "_fail_count') = 1 THEN RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = '40001'; END IF;"
            + " RETURN NULL; END $$",
        "CREATE TRIGGER " + table + "_fail BEFORE INSERT ON " + f.db.qualified(table) + " FOR EACH STATEMENT EXECUTE FUNCTION " + table + "_fail_once()");
    return true;
  }
}
