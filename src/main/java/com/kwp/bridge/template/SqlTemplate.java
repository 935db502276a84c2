package com.kwp.bridge.template;

import com.kwp.bridge.error.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One {@code .sql} file: the query's name (file name without .sql), where it lives, and its parsed text. */
public record SqlTemplate(String name, Path file, List<Segment> segments) {

  public SqlTemplate {
    segments = List.copyOf(segments);
  }

  public static SqlTemplate of(String name, Path file, String text) {
    return new SqlTemplate(name, file, TemplateParser.parse(text));
  }

  /** Reads a template file as UTF-8; a missing or unreadable file fails naming it. */
  public static SqlTemplate load(Path file) {
    String fileName = file.getFileName().toString();
    String name = fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName;
    try {
      return of(name, file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TemplateException("Cannot read query template " + file + ": " + e.getMessage(), e);
    }
  }

  /** Distinct placeholder names in order of appearance. */
  public List<String> placeholders() {
    return segments.stream()
        .filter(s -> s instanceof Segment.Placeholder)
        .map(s -> ((Segment.Placeholder) s).name())
        .distinct()
        .toList();
  }
}
