package com.kwp.bridge.extract.it;

import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * mode = changes on a real SQL Server's change tracking, when BRIDGE_TEST_SQLSERVER_URL names one (not run on
 * the build machines). The suite turns change tracking on for its own test database; on a server without it
 * (Babelfish has no CHANGETABLE) every scenario checks the refusal and the snapshot part instead.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.SQLSERVER_URL_ENV, matches = ".+")
class ChangesSqlServerIT extends ChangesScenarios {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabases.sqlServer();
  }

  @Override
  protected SourceSql sourceSql() {
    return SourceSql.sqlServer();
  }

  /**
   * Turns change tracking on for the suite's database, then for {@code table}. Babelfish has none (its
   * {@code sys.change_tracking_*} views are empty and it has no CHANGETABLE): false there, so the scenario
   * checks what Babelfish does instead; the change-tracking T-SQL is string-tested in ReadSqlTest.
   */
  @Override
  protected boolean enableChanges(TableName table) {
    if (TestDatabases.isBabelfish(db)) {
      return false;
    }
    try {
      db.execute("IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID())"
          + " ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON)");
    } catch (IllegalStateException e) {
      Assumptions.abort("this SQL Server cannot turn change tracking on for the test database (" + e.getMessage() + ")");
    }
    db.execute(db.dialect().reads().changeTrackingSetup(table, List.of("id")).toArray(new String[0]));
    return true;
  }

  /** Turning change tracking off and on again moves the table's minimum valid version to now, as a cleanup would. */
  @Override
  protected void forgetChanges(TableName table) {
    db.execute("ALTER TABLE " + db.qualified(table.table()) + " DISABLE CHANGE_TRACKING");
    enableChanges(table);
  }
}
