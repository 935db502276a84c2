package com.kwp.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.testing.TestDatabase;
import com.kwp.bridge.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test-connection and list-queries against the embedded PostgreSQL (no Spark needed for a folder destination). */
class UtilityCommandsPostgresIT {
  @TempDir Path dir;

  @Test
  void testConnectionChecksSourceAndFolderDestination() throws IOException {
    Files.writeString(dir.resolve("common.conf"), "params {}");
    Path out = dir.resolve("out");
    try (TestDatabase db = TestDatabases.postgres()) {
      new TestConnectionCommand().run(new String[] {"--config-path", dir.toString(), "--destination", out.toString(),
          "--conf", "source.url=" + db.url(), "--conf", "source.username=postgres"});
      assertTrue(Files.isDirectory(out));
      try (Stream<Path> left = Files.list(out)) {
        assertEquals(0, left.count(), "the probe file is removed");
      }
      DatabaseException e = assertThrows(DatabaseException.class, () -> new TestConnectionCommand().run(new String[] {
          "--config-path", dir.toString(), "--conf", "source.url=jdbc:postgresql://127.0.0.1:1/nowhere?password=topsecret",
          "--conf", "source.username=postgres"}));
      assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }
  }

}
