package com.kwp.bridge.sync;

import com.kwp.bridge.config.ConnectionConfig;
import com.kwp.bridge.security.Secret;
import com.kwp.bridge.testing.CuttingProxy;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The SyncJob scenarios on a real SQL Server (BRIDGE_TEST_SQLSERVER_URL). */
@EnabledIfEnvironmentVariable(named = "BRIDGE_TEST_SQLSERVER_URL", matches = ".+")
class SyncSqlServerIT extends SyncScenarios {
  /** Where the URL allows it, every connection of the suite goes through it, so a bulk load can lose its connection on demand. */
  private CuttingProxy proxy;

  @Override
  TestDatabase newDatabase() {
    proxy = CuttingProxy.through(System.getenv(TestDatabases.SQLSERVER_URL_ENV));
    if (proxy == null) {
      return TestDatabases.sqlServer();
    }
    return TestDatabases.sqlServer(new ConnectionConfig("test", proxy.url(), System.getenv(TestDatabases.SQLSERVER_USER_ENV),
        Secret.of(System.getenv(TestDatabases.SQLSERVER_PASSWORD_ENV)), Map.of()), "bridge_test");
  }

  /** The schema is dropped through the proxy, so it closes last. */
  @AfterAll
  @Override
  void tearDown() {
    super.tearDown();
    if (proxy != null) {
      try {
        proxy.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
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

  /**
   * The connection of the load into staging table {@code stagingTable} (an executor task's) is cut as its bulk
   * insert starts: a real connection loss (SQLState 08S01). Not where the URL's traffic is encrypted: the
   * proxy could not see the statement.
   */
  @Override
  boolean injectTransientBulkFailureOnce(String stagingTable) {
    return arm(stagingTable);
  }

  /** The connection that bulk-loads {@code table} is cut once, as its bulk insert starts. */
  @Override
  boolean injectTransientFailureOnce(String table) {
    return arm(table);
  }

  private boolean arm(String table) {
    if (proxy == null) {
      return false;
    }
    proxy.cutOnBulkInsertInto(table);
    return true;
  }
}
