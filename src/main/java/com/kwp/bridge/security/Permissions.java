package com.kwp.bridge.security;

import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.error.PermissionDeniedException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Principals and their grants (from conf/permissions.conf); answers "may P write table T?". */
public record Permissions(Map<String, List<Grant>> grants) implements Serializable {

  public Permissions {
    grants = Map.copyOf(grants);
  }

  public static Permissions none() {
    return new Permissions(Map.of());
  }

  /** The grant that lets {@code principal} write {@code targetDotted}; throws when there is none. */
  public Grant requireWrite(String principal, String targetDotted) {
    List<Grant> mine = grants.get(principal);
    if (mine == null) {
      throw new PermissionDeniedException("Principal '" + principal + "' is not in permissions.conf; ask the bridge owners to add it"
          + " with a grant on " + targetDotted + ".");
    }
    Optional<Grant> grant = mine.stream().filter(g -> g.covers(targetDotted)).findFirst();
    if (grant.isEmpty()) {
      throw new PermissionDeniedException("Principal '" + principal + "' has no grant on " + targetDotted + " in permissions.conf.");
    }
    if (!grant.get().access().canWrite()) {
      throw new PermissionDeniedException("Principal '" + principal + "' has only read access to " + targetDotted
          + "; writing needs access = write or read_write in permissions.conf.");
    }
    return grant.get();
  }

  /** Refuses a delete of {@code rows} rows beyond the grant's limit. */
  public static void checkDeleteLimit(String principal, String targetDotted, Grant grant, long rows) {
    if (rows > grant.maxDeleteRows()) {
      throw new PermissionDeniedException(ErrorClass.DELETE_LIMIT, "DELETE on " + targetDotted + " would remove " + rows
          + " rows, more than max_delete_rows = " + grant.maxDeleteRows() + " granted to '" + principal
          + "'; nothing was deleted. Split the event or ask for a higher limit in permissions.conf.");
    }
  }
}
