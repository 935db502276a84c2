package com.kwp.bridge.extract.it;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Tables by name on a real SQL Server, when BRIDGE_TEST_SQLSERVER_URL names one (not run on the build machines). */
@EnabledIfEnvironmentVariable(named = TestDatabases.SQLSERVER_URL_ENV, matches = ".+")
class TablesSqlServerIT extends TableScenarios {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabases.sqlServer();
  }

  @Override
  protected SourceSql sourceSql() {
    return SourceSql.sqlServer();
  }
}
