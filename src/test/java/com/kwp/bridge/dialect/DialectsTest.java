package com.kwp.bridge.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which dialect a URL gets, and which failures each retries. */
class DialectsTest {
  private final SqlDialect mssql = Dialects.sqlServer();
  private final SqlDialect pg = Dialects.postgres();

  @Test
  void dialectIsChosenFromTheUrl() {
    assertEquals("sqlserver", Dialects.forUrl("jdbc:sqlserver://h;databaseName=d").name());
    assertEquals("postgresql", Dialects.forUrl("jdbc:postgresql://h/d").name());
    ConfigException e = assertThrows(ConfigException.class, () -> Dialects.forUrl("jdbc:mysql://u:pw@h/d"));
    assertFalse(e.getMessage().contains(":pw@"), e.getMessage());
    assertEquals("Unsupported database URL jdbc:mysql:...: the bridge speaks jdbc:sqlserver: and jdbc:postgresql:.", e.getMessage());
  }

  @Test
  void everyFamilySpeaksItsDatabase() {
    for (SqlDialect d : new SqlDialect[] {mssql, pg}) {
      assertEquals(d.name(), d.reads().names().dialectName());
    }
    assertEquals("com.microsoft.sqlserver.jdbc.SQLServerDriver", mssql.driverClass());
    assertEquals("org.postgresql.Driver", pg.driverClass());
  }

  @Test
  void transientErrorsAreRecognisedByCodeAndState() {
    assertTrue(mssql.isTransient(new SQLException("deadlock", "40001", 1205)));
    assertTrue(mssql.isTransient(new SQLException("throttled", "S0001", 40501)));
    assertTrue(mssql.isTransient(new SQLException("link", "08S01", 0)));
    assertFalse(mssql.isTransient(new SQLException("pk violation", "23000", 2627)));
    assertFalse(mssql.isTransient(new SQLException("invalid object", "S0002", 208)));
    assertTrue(pg.isTransient(new SQLException("deadlock", "40P01")));
    assertFalse(pg.isTransient(new SQLException("undefined table", "42P01")));
    SQLException chained = new SQLException("batch failed", "HY000", 0);
    chained.setNextException(new SQLException("deadlock", "40P01"));
    assertTrue(pg.isTransient(chained));
    assertTrue(pg.isTransient(new SQLException("wrapped", new SQLException("conn", "08006"))));
  }
}
