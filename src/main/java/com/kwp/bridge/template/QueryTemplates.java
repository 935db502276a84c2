package com.kwp.bridge.template;

import com.kwp.bridge.error.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code .sql} files of a queries folder; a query's name is its file name without {@code .sql}. */
public final class QueryTemplates {
  private QueryTemplates() {}

  /** Query names in the folder, sorted; a missing folder fails naming it. */
  public static List<String> names(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new TemplateException("Queries folder " + dir.toAbsolutePath() + " does not exist; pass --queries-path pointing at your queries/ folder.");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".sql"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new TemplateException("Cannot list queries folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The requested queries (all when {@code requested} is empty); an unknown name fails listing the known ones. */
  public static List<String> select(Path dir, List<String> requested) {
    List<String> all = names(dir);
    if (requested.isEmpty()) {
      if (all.isEmpty()) {
        throw new TemplateException("Queries folder " + dir.toAbsolutePath() + " has no .sql files.");
      }
      return all;
    }
    List<String> out = new ArrayList<>();
    for (String q : requested) {
      String name = q.endsWith(".sql") ? q.substring(0, q.length() - 4) : q;
      if (!all.contains(name)) {
        throw new TemplateException("Unknown query '" + q + "': no " + name + ".sql in " + dir.toAbsolutePath()
            + ". Queries: " + (all.isEmpty() ? "(none)" : String.join(", ", all)) + ".");
      }
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  public static SqlTemplate load(Path dir, String name) {
    return SqlTemplate.load(dir.resolve(name + ".sql"));
  }
}
