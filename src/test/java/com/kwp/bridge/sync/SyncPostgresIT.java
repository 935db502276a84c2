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
      default -> logical;
    };
  }

  @Override
  boolean textKeysFoldCase() {
    return false;
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
