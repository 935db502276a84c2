package com.kwp.bridge.cli;

import com.kwp.bridge.error.ConfigException;

/** The command line was not understood; the message holds the parser's complaints and the usage text. */
public final class UsageException extends ConfigException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
