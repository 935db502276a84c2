package com.kwp.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowParamsCommandTest {
  @TempDir Path dir;

  @Test
  void showsEveryValueWithItsOriginAndMasksSecrets() throws IOException {
    Files.writeString(dir.resolve("common.conf"), "params { factor = \"factor_rw1 AS factor_rw\", api_token = hunter2x }");
    Files.writeString(dir.resolve("Colombia.conf"), "params { country_code = CO }");
    var config = ConfigLoader.load(new ConfigLoader.Request(dir, "Colombia", Map.of("start_date", "2024-02-01"), Map.of(),
        Map.of("SOURCE_JDBC_URL", "jdbc:sqlserver://h:1433;databaseName=KWP;password=s3cretpw", "SQLSERVER_PASSWORD", "s3cretpw",
            "SQLSERVER_USERNAME", "reader")));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ShowParamsCommand.print(config, dir, "Colombia", new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertFalse(out.contains("s3cretpw"), out);
    assertFalse(out.contains("hunter2x"), out);
    assertTrue(out.contains("factor_rw1 AS factor_rw") && out.contains("common.conf"), out);
    assertTrue(out.contains("country_code") && out.contains("Colombia.conf"), out);
    assertTrue(out.contains("2024-02-01") && out.contains("--param start_date"), out);
    assertTrue(out.contains("source.password") && out.contains("****"), out);
    assertTrue(out.contains("source.username") && out.contains("reader") && out.contains("SQLSERVER_USERNAME"), out);
  }

  @Test
  void everyExtractCommandIsRegistered() {
    List<String> names = BridgeCli.commands().stream().map(Command::name).toList();
    assertTrue(names.containsAll(List.of("extract", "list-queries", "show-params", "test-connection", "demo")), names.toString());
  }
}
