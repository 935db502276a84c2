package com.kwp.bridge.config;

import com.kwp.bridge.error.ConfigException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A configured Delta table or output folder ({@code tables.*}, {@code extract.runs-table}, {@code --destination}),
 * resolved once when the configuration is read. A path (it starts with {@code /}, {@code .} or {@code ~}, contains
 * {@code /} or {@code \}, or has a URI scheme) relative to the working directory becomes absolute: Delta takes no
 * relative location, and what the logs show is then where the data is. A name must be dotted plain parts.
 */
public final class LakeLocation {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:\\\\.*");
  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9_]+|`[^`]+`");

  private LakeLocation() {}

  /** True when {@code value} is a path, by the rule above; anything else is a name. */
  public static boolean isPath(String value) {
    return value.startsWith("/") || value.startsWith(".") || value.startsWith("~") || value.contains("/") || value.contains("\\")
        || hasScheme(value);
  }

  /** A URI such as {@code abfss://...} or {@code dbfs:/...} (a Windows drive letter is not a scheme). */
  public static boolean hasScheme(String value) {
    return SCHEME.matcher(value).matches() && !DRIVE.matcher(value).matches();
  }

  /** {@link #resolve(String, String, String, int, Path)} against the working directory. */
  public static String resolve(String key, String value, String nameForm, int maxNameParts) {
    return resolve(key, value, nameForm, maxNameParts, Path.of("").toAbsolutePath());
  }

  /**
   * {@code value} of {@code key} as it will be used: a local path absolute ({@code ~} is the home folder) and
   * normalised, a URI or a name as written. A name of more than {@code maxNameParts} parts, or with a part that is
   * not a plain name, is refused naming the key and {@code nameForm} (what a name looks like there).
   */
  public static String resolve(String key, String value, String nameForm, int maxNameParts, Path workingDir) {
    ConfigException.check(value != null && !value.isBlank(), "%s is empty; give a Delta table name or a folder such as ./lake/x", key);
    String v = value.trim();
    if (hasScheme(v)) {
      return v;
    }
    if (isPath(v)) {
      Path p = v.equals("~") || v.startsWith("~/") ? Path.of(System.getProperty("user.home") + v.substring(1)) : Path.of(v);
      return workingDir.resolve(p).normalize().toString();
    }
    String[] parts = v.split("\\.(?=(?:[^`]*`[^`]*`)*[^`]*$)", -1); // dots outside backticks
    ConfigException.check(parts.length <= maxNameParts,
        "%s = '%s' has %d dotted parts; give %s or a folder path starting with ./ or /", key, v, parts.length, nameForm);
    for (String part : parts) {
      ConfigException.check(NAME_PART.matcher(part).matches(),
          "%s = '%s': '%s' is not a plain name; quote it with backticks, or give a folder path starting with ./ or /", key, v, part);
    }
    return v;
  }
}
