package com.kwp.bridge.security;

import com.kwp.bridge.dialect.TableName;
import com.kwp.bridge.error.ErrorClass;
import com.kwp.bridge.error.PermissionDeniedException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Principals and their grants (from conf/permissions.conf); answers "who is X", "may P read S", "may P write T". */
public record Permissions(Map<String, Principal> principals) implements Serializable {

  public Permissions {
    Map<String, Principal> byKey = new LinkedHashMap<>();
    principals.values().forEach(p -> byKey.put(Principal.key(p.identity()), p));
    principals = Map.copyOf(byKey);
  }

  public static Permissions of(List<Principal> list) {
    Map<String, Principal> m = new LinkedHashMap<>();
    list.forEach(p -> m.put(p.identity(), p));
    return new Permissions(m);
  }

  public static Permissions none() {
    return new Permissions(Map.of());
  }

  /** The principal whose identity is {@code identity} (identities compare case-insensitively, like e-mails and uuids). */
  public Optional<Principal> byIdentity(String identity) {
    return identity == null ? Optional.empty() : Optional.ofNullable(principals.get(Principal.key(identity)));
  }

  /** The principal a declared name means: its identity or its display name. */
  public Optional<Principal> byDeclaredName(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return byIdentity(name).or(() -> principals.values().stream().filter(p -> p.answersTo(name)).findFirst());
  }

  /** The grant that lets {@code p} write {@code target}; throws when there is none or it is read-only. */
  public static Grant requireWrite(Principal p, TableName target, boolean caseSensitive) {
    Optional<Grant> grant = p.targets().stream().filter(g -> g.covers(target, caseSensitive)).findFirst();
    if (grant.isEmpty()) {
      throw new PermissionDeniedException("Principal " + p.label() + " has no grant on target " + target.quotedParts()
          + " in permissions.conf; ask the bridge owners for one.");
    }
    if (!grant.get().access().canWrite()) {
      throw new PermissionDeniedException("Principal " + p.label() + " has only read access to " + target.quotedParts()
          + "; writing needs access = write or read_write in permissions.conf.");
    }
    return grant.get();
  }

  /** Refuses a source {@code p} was not granted (sources = [...] in permissions.conf). */
  public static SourceGrant requireRead(Principal p, SourceName source) {
    return p.sources().stream().filter(g -> g.covers(source)).findFirst().orElseThrow(() -> new PermissionDeniedException(
        "Principal " + p.label() + " may not read source " + source + ": no entry of its sources = [...] in permissions.conf covers it."));
  }

  /**
   * Refuses a REPLACE the grant does not allow: it deletes every row of the target, which only
   * {@code replace = true} permits (max_delete_rows bounds keyed DELETEs, not a full refresh).
   */
  public static void checkReplace(Principal p, TableName target, Grant grant) {
    if (!grant.replace()) {
      throw new PermissionDeniedException("Principal " + p.label() + " may not REPLACE " + target.quotedParts()
          + ": its grant on " + grant.table() + " has no replace = true in permissions.conf.");
    }
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
