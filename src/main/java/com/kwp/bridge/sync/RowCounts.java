package com.kwp.bridge.sync;

import java.io.Serializable;

/**
 * Rows an applied (or previewed) event inserted, updated and deleted in its target, as the target's own
 * statements counted them; null where a statement does not tell (a one-statement UPSERT applied for real
 * reports only its total). For REPLACE, {@code deleted} is the target's row count before and
 * {@code inserted} after.
 */
public record RowCounts(Long inserted, Long updated, Long deleted) implements Serializable {
  public static final RowCounts UNKNOWN = new RowCounts(null, null, null);

  RowCounts plus(RowCounts o) {
    return new RowCounts(sum(inserted, o.inserted), sum(updated, o.updated), sum(deleted, o.deleted));
  }

  private static Long sum(Long a, Long b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Long.valueOf(a + b);
  }

  /** The known counts, e.g. "inserted 4, updated 2"; for REPLACE the rows before and after; empty when none is known. */
  String describe(Operation op) {
    if (op == Operation.REPLACE && inserted != null && deleted != null) {
      return "rows before " + deleted + ", rows after " + inserted;
    }
    StringBuilder sb = new StringBuilder();
    append(sb, "inserted", inserted);
    append(sb, "updated", updated);
    append(sb, "deleted", deleted);
    return sb.toString();
  }

  private static void append(StringBuilder sb, String what, Long n) {
    if (n != null) {
      sb.append(sb.length() == 0 ? "" : ", ").append(what).append(' ').append(n);
    }
  }
}
