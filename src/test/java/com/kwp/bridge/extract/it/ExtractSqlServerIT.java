package com.kwp.bridge.extract.it;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The extract scenarios on a real SQL Server, when BRIDGE_TEST_SQLSERVER_URL names one. */
@EnabledIfEnvironmentVariable(named = TestDatabases.SQLSERVER_URL_ENV, matches = ".+")
class ExtractSqlServerIT extends ExtractScenarios {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabases.sqlServer();
  }

  @Override
  protected SourceSql sourceSql() {
    return SourceSql.sqlServer();
  }
}
