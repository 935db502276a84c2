package com.kwp.bridge.security;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * One entry of permissions.conf: an authenticated identity (a user's e-mail or a service principal's
 * application id, as Unity Catalog records it as the Delta commit's {@code userName}), an optional display
 * name producers may write in {@code requested_by}, what it may read (sources) and write (targets).
 */
public record Principal(String identity, String displayName, List<SourceGrant> sources, List<Grant> targets) implements Serializable {

  public Principal {
    sources = List.copyOf(sources);
    targets = List.copyOf(targets);
  }

  /** True when {@code declared} (a {@code requested_by}) names this principal: its identity or its display name. */
  public boolean answersTo(String declared) {
    if (declared == null) {
      return false;
    }
    String d = declared.trim();
    return d.equalsIgnoreCase(identity) || (displayName != null && d.equals(displayName));
  }

  /** "panel-calibration (1b2c-...)" or just the identity, for messages and audit rows. */
  public String label() {
    return displayName == null ? identity : displayName + " (" + identity + ")";
  }

  static String key(String identity) {
    return identity.trim().toLowerCase(Locale.ROOT);
  }
}
