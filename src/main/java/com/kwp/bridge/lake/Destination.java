package com.kwp.bridge.lake;

import com.kwp.bridge.config.OutputFormat;
import com.kwp.bridge.error.ConfigException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The {@code --destination} of a run. A path gets one folder per query ({@code <destination>/<query>/},
 * Parquet or path-based Delta); a dotted name ({@code catalog.schema} on Unity Catalog, {@code schema}
 * locally) gets the Delta table {@code <destination>.<query>}.
 *
 * <p>How the two are told apart: a path starts with {@code /}, {@code .} or {@code ~}, contains a {@code /} or
 * {@code \}, or has a URI scheme ({@code abfss://}, {@code dbfs:/}); anything else is a name of one or two
 * parts. So a local folder next to the working directory is written {@code ./out}, not {@code out}.
 */
public record Destination(String value, boolean isPath) {
  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9_]+|`[^`]+`");

  public static Destination parse(String value) {
    ConfigException.check(value != null && !value.isBlank(), "--destination is empty; give a folder (./out, /Volumes/c/s/v) or catalog.schema.");
    String v = value.trim();
    boolean path = v.startsWith("/") || v.startsWith(".") || v.startsWith("~") || v.contains("/") || v.contains("\\")
        || v.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    if (!path) {
      String[] parts = v.split("\\.", -1);
      ConfigException.check(parts.length <= 2,
          "--destination '%s' has %d dotted parts; give catalog.schema (Delta tables catalog.schema.<query>) or a folder path.", v, parts.length);
      for (String part : parts) {
        ConfigException.check(NAME_PART.matcher(part).matches(),
            "--destination '%s': '%s' is not a plain name; quote it with backticks or give a path starting with / or ./", v, part);
      }
    }
    return new Destination(v, path);
  }

  /** The output of one query; a name destination always holds Delta tables. */
  public LakeOutput forQuery(String query, OutputFormat format) {
    if (isPath) {
      String location = hasScheme() ? value.replaceAll("/+$", "") + "/" + query
          : Path.of(value.startsWith("~") ? System.getProperty("user.home") + value.substring(1) : value)
              .toAbsolutePath().normalize().resolve(query).toString();
      return format == OutputFormat.PARQUET ? new ParquetOutput(location) : new DeltaOutput(TableRef.of(location));
    }
    return new DeltaOutput(TableRef.of(value + "." + LakeOutput.col(query)));
  }

  private boolean hasScheme() {
    return value.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !value.matches("^[A-Za-z]:\\\\.*");
  }
}
