package com.kwp.bridge.jdbc;

import com.kwp.bridge.error.ConfigException;
import java.io.Serializable;
import java.time.Duration;

/** Bounded exponential backoff with full jitter. Defaults: 3 attempts, base 1 s, cap 60 s (the existing tool's). */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) implements Serializable {
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60));

  public RetryPolicy {
    ConfigException.check(maxAttempts >= 1, "retry max-attempts must be >= 1, got %d", maxAttempts);
    ConfigException.check(!baseDelay.isNegative() && !maxDelay.isNegative(), "retry delays must not be negative");
    ConfigException.check(baseDelay.compareTo(maxDelay) <= 0, "retry base-delay %s exceeds max-delay %s", baseDelay, maxDelay);
  }

  /** Delay before attempt {@code attempt + 1}, after {@code attempt} failures (1-based), with jitter in [d/2, d]. */
  public Duration delayAfter(int attempt, double random01) {
    double exp = baseDelay.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
    double capped = Math.min(exp, maxDelay.toMillis());
    return Duration.ofMillis((long) (capped / 2 + capped / 2 * random01));
  }
}
