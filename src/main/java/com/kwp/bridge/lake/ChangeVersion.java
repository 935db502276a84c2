package com.kwp.bridge.lake;

import java.util.Optional;

/**
 * The source change version a Delta commit of {@code mode = changes} is consistent with, kept in that
 * commit's {@code userMetadata}: the data and the version are one atomic commit, so they cannot diverge.
 * {@code source} is the table as rendered in SQL; a destination fed from another table has no version for this one.
 */
public record ChangeVersion(String source, long version) {
  static final String PREFIX = "bridge-changes/1 version=";
  private static final String SOURCE = " source=";

  /** The commit's userMetadata text. */
  public String toUserMetadata() {
    return PREFIX + version + SOURCE + source;
  }

  /** The version a commit's userMetadata carries; empty when the commit is not a bridge changes commit. */
  public static Optional<ChangeVersion> parse(String userMetadata) {
    if (userMetadata == null || !userMetadata.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int at = userMetadata.indexOf(SOURCE, PREFIX.length());
    if (at < 0) {
      return Optional.empty();
    }
    try {
      long v = Long.parseLong(userMetadata.substring(PREFIX.length(), at));
      return Optional.of(new ChangeVersion(userMetadata.substring(at + SOURCE.length()), v));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
