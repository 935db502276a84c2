package com.kwp.bridge.extract.it;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;

/** The extract scenarios on the embedded PostgreSQL. */
class ExtractPostgresIT extends ExtractScenarios {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabases.postgres();
  }

  @Override
  protected SourceSql sourceSql() {
    return SourceSql.postgres();
  }
}
