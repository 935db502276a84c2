package com.kwp.bridge.extract.it;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;

/** Tables by name on the embedded PostgreSQL. */
class TablesPostgresIT extends TableScenarios {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabases.postgres();
  }

  @Override
  protected SourceSql sourceSql() {
    return SourceSql.postgres();
  }
}
