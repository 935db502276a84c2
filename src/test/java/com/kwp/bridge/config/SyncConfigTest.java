package com.kwp.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** sync.bulk.insert and sync.bulk.replace: a default, the other mode on request, anything else refused with the setting's name. */
class SyncConfigTest {
  static Config with(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  @Test
  void insertModeIsDirectByDefaultAndStagedOnRequest() {
    assertTrue(SyncConfig.from(with("")).directInsert());
    assertFalse(SyncConfig.from(with("sync.bulk.insert = staged")).directInsert());
    ConfigException e = assertThrows(ConfigException.class, () -> SyncConfig.from(with("sync.bulk.insert = fast")));
    assertEquals("sync.bulk.insert must be direct or staged, got 'fast'", e.getMessage());
  }

  @Test
  void replaceDeletesByDefaultAndTruncatesOnRequest() {
    assertFalse(SyncConfig.from(with("")).truncateReplace());
    assertTrue(SyncConfig.from(with("sync.bulk.replace = TRUNCATE")).truncateReplace());
    ConfigException e = assertThrows(ConfigException.class, () -> SyncConfig.from(with("sync.bulk.replace = swap")));
    assertEquals("sync.bulk.replace must be delete or truncate, got 'swap'", e.getMessage());
  }
}
