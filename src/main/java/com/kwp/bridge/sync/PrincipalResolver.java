package com.kwp.bridge.sync;

import com.kwp.bridge.config.SyncConfig;
import com.kwp.bridge.error.PermissionDeniedException;
import com.kwp.bridge.security.Permissions;
import com.kwp.bridge.security.Principal;

/**
 * Who an event's principal is. With {@code sync.identity = commit} (the default) it is the authenticated
 * user of the Delta commit that added the event; {@code requested_by}, when present, must name that same
 * principal (its identity or display name), else the event is a spoofing attempt. With {@code declared}
 * (local runs only) it is whoever {@code requested_by} names, unauthenticated.
 */
public final class PrincipalResolver {
  private final Permissions permissions;
  private final SyncConfig.Identity mode;

  public PrincipalResolver(Permissions permissions, SyncConfig.Identity mode) {
    this.permissions = permissions;
    this.mode = mode;
  }

  public SyncConfig.Identity mode() {
    return mode;
  }

  public Permissions permissions() {
    return permissions;
  }

  /** The principal of {@code e}; throws {@link PermissionDeniedException} saying why it cannot be trusted. */
  public Principal resolve(SyncEvent e) {
    String declared = e.requestedBy() == null || e.requestedBy().isBlank() ? null : e.requestedBy().trim();
    if (mode == SyncConfig.Identity.DECLARED) {
      if (declared == null) {
        throw new PermissionDeniedException("event " + e.eventId() + ": requested_by is empty and sync.identity = declared takes the principal from it");
      }
      return permissions.byDeclaredName(declared).orElseThrow(() -> new PermissionDeniedException("event " + e.eventId()
          + ": requested_by '" + declared + "' is not a principal in permissions.conf; ask the bridge owners to add it."));
    }
    String user = e.commitUser();
    if (user == null || user.isBlank()) {
      throw new PermissionDeniedException("event " + e.eventId() + ": the Delta commit that added it (version " + e.commitVersion()
          + ") records no user, so it cannot be authenticated; append events on Databricks (Unity Catalog records the user)");
    }
    Principal p = permissions.byIdentity(user).orElseThrow(() -> new PermissionDeniedException("event " + e.eventId()
        + ": commit identity '" + user + "' is not a principal in permissions.conf; ask the bridge owners to add it."));
    if (declared != null && !p.answersTo(declared)) {
      throw new PermissionDeniedException("event " + e.eventId() + ": requested_by '" + declared + "' names a different principal than"
          + " the commit identity " + p.label() + " (spoofing attempt?); leave requested_by empty or write your own name.");
    }
    return p;
  }
}
