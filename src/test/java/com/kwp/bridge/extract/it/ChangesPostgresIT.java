package com.kwp.bridge.extract.it;

import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.util.List;

/** mode = changes on the embedded PostgreSQL, over the trigger-maintained change log the bridge ships. */
class ChangesPostgresIT extends ChangesScenarios {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabases.postgres();
  }

  @Override
  protected SourceSql sourceSql() {
    return SourceSql.postgres();
  }

  @Override
  protected boolean enableChanges(TableName table) {
    db.execute(db.dialect().reads().changeTrackingSetup(table, List.of("id")).toArray(new String[0]));
    return true;
  }

  /** The shipped cleanup with no retention: every entry but the newest goes, in one transaction. */
  @Override
  protected void forgetChanges(TableName table) {
    db.execute("BEGIN; " + String.join("; ", db.dialect().reads().changeLogCleanup(table, "0 seconds")) + "; COMMIT");
  }
}
