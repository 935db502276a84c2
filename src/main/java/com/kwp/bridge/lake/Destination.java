package com.kwp.bridge.lake;

import com.kwp.bridge.config.LakeLocation;
import com.kwp.bridge.config.OutputFormat;
import com.kwp.bridge.error.ConfigException;

/**
 * The {@code --destination} of a run. A path gets one folder per query ({@code <destination>/<query>/},
 * Parquet or path-based Delta); a dotted name ({@code catalog.schema} on Unity Catalog, {@code schema}
 * locally) gets the Delta table {@code <destination>.<query>}.
 *
 * <p>How the two are told apart: a path starts with {@code /}, {@code .} or {@code ~}, contains a {@code /} or
 * {@code \}, or has a URI scheme ({@code abfss://}, {@code dbfs:/}); anything else is a name of one or two
 * parts. So a local folder next to the working directory is written {@code ./out}, not {@code out}. A relative
 * folder is made absolute when parsed ({@link LakeLocation}), so every output and log line names the same place.
 */
public record Destination(String value, boolean isPath) {

  public static Destination parse(String value) {
    ConfigException.check(value != null && !value.isBlank(), "--destination is empty; give a folder (./out, /Volumes/c/s/v) or catalog.schema.");
    String v = value.trim();
    return new Destination(LakeLocation.resolve("--destination", v, "catalog.schema (Delta tables catalog.schema.<query>)", 2),
        LakeLocation.isPath(v));
  }

  /** The output of one query; a name destination always holds Delta tables. */
  public LakeOutput forQuery(String query, OutputFormat format) {
    if (isPath) {
      String location = LakeLocation.hasScheme(value) ? value.replaceAll("/+$", "") + "/" + query
          : java.nio.file.Path.of(value).resolve(query).toString();
      return format == OutputFormat.PARQUET ? new ParquetOutput(location) : new DeltaOutput(TableRef.of(location));
    }
    return new DeltaOutput(TableRef.of(value + "." + LakeOutput.col(query)));
  }
}
