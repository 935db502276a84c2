package com.kwp.bridge.security;

import java.io.Serializable;
import java.util.Objects;

/**
 * A credential. Its {@link #toString()} is always a mask, so it is safe in logs, records and exception
 * messages; only {@link #reveal()} gives the value, at the single place that hands it to a driver.
 */
public final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String MASK = "****";
  private static final Secret EMPTY = new Secret("");
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  public static Secret of(String value) {
    return value == null || value.isEmpty() ? EMPTY : new Secret(value);
  }

  public static Secret empty() {
    return EMPTY;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return isEmpty() ? "" : MASK;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
