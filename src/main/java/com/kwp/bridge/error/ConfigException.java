package com.kwp.bridge.error;

/** Invalid or missing configuration: the message names the key path and what to do. */
public class ConfigException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(ErrorClass.CONFIG, message);
  }

  public ConfigException(String message, Throwable cause) {
    super(ErrorClass.CONFIG, message, cause);
  }

  /** Throws when {@code condition} is false; message is a {@link String#format} pattern. */
  public static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new ConfigException(String.format(format, args));
    }
  }
}
