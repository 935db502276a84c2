package com.kwp.bridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Gives a Delta commit the identity a Databricks runtime records. Unity Catalog writes the authenticated
 * user into the commit's {@code commitInfo} ({@code userId}, {@code userName}); open-source Delta leaves both
 * out. Tests stamp them into the commit's JSON in {@code _delta_log} right after the append and before
 * anything reads it, so SyncJob's real check (commit version from the change feed, user from the history)
 * runs against commits shaped like production ones.
 */
public final class DeltaCommits {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaCommits() {}

  /** The latest version of the path-based Delta table. */
  public static long latestVersion(SparkSession spark, String tablePath) {
    return DeltaTable.forPath(spark, tablePath).history(1).select("version").head().getLong(0);
  }

  /** Stamps {@code userName} (and a numeric-looking {@code userId}, as Databricks writes) into commit {@code version}. */
  public static void stampUser(String tablePath, long version, String userName) {
    Path file = Path.of(tablePath, "_delta_log", String.format("%020d.json", version));
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      boolean stamped = false;
      for (int i = 0; i < lines.size(); i++) {
        JsonNode action = JSON.readTree(lines.get(i));
        if (action.has("commitInfo")) {
          ((ObjectNode) action.get("commitInfo")).put("userId", Integer.toUnsignedString(userName.hashCode())).put("userName", userName);
          lines.set(i, JSON.writeValueAsString(action));
          stamped = true;
        }
      }
      if (!stamped) {
        throw new IllegalStateException("commit " + file + " has no commitInfo to stamp");
      }
      Path tmp = file.resolveSibling("." + file.getFileName() + ".stamp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      // Hadoop's local file system keeps a checksum beside each file; the old one would fail the read.
      Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stamp " + file, e);
    }
  }

  /** Stamps the latest commit of the table. */
  public static long stampLatest(SparkSession spark, String tablePath, String userName) {
    long v = latestVersion(spark, tablePath);
    stampUser(tablePath, v, userName);
    return v;
  }
}
