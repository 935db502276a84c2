package com.kwp.bridge.sync;

import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The SyncJob scenarios on a real SQL Server (BRIDGE_TEST_SQLSERVER_URL). */
@EnabledIfEnvironmentVariable(named = "BRIDGE_TEST_SQLSERVER_URL", matches = ".+")
class SyncSqlServerIT extends SyncScenarios {
  @Override
  TestDatabase newDatabase() {
    return TestDatabases.sqlServer();
  }

  @Override
  String type(String logical) {
    return switch (logical) {
      case "int" -> "INT";
      case "text" -> "NVARCHAR(200)";
      case "decimal" -> "DECIMAL(18,4)";
      case "timestamp" -> "DATETIME2(6)";
      case "date" -> "DATE";
      case "binary" -> "VARBINARY(50)";
      case "boolean" -> "BIT";
      case "key text" -> "NVARCHAR(50)";
      // NOT NULL and filled by the server; Babelfish gives it another system_type_id than 189, the same type name
      case "server-filled" -> "ROWVERSION";
      default -> logical;
    };
  }

  /** The test schema's database is assumed to use a default _CI_ collation (SQL_Latin1_General_CP1_CI_AS / Latin1_General_CI_AS). */
  @Override
  boolean textKeysFoldCase() {
    return true;
  }

  /** Not injected on SQL Server (a DDL trigger arming the staging table is possible but was not written or run); PostgreSQL covers it. */
  @Override
  boolean injectTransientBulkFailureOnce(String stagingTable) {
    return false;
  }

  /** SQL Server cannot raise a deadlock (1205) on demand from a trigger; this scenario runs on PostgreSQL. */
  @Override
  boolean injectTransientFailureOnce(String table) {
    return false;
  }
}
