package com.kwp.bridge.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * How far below the destination's watermark an incremental read starts again, to catch late rows: a number
 * (numeric watermark columns) or a duration such as {@code "2 days"} (date and timestamp columns).
 */
public record Lookback(Optional<BigDecimal> amount, Optional<Duration> duration) {
  public static Lookback ofAmount(BigDecimal amount) {
    return new Lookback(Optional.of(amount), Optional.empty());
  }

  public static Lookback ofDuration(Duration duration) {
    return new Lookback(Optional.empty(), Optional.of(duration));
  }

  @Override
  public String toString() {
    return amount.map(BigDecimal::toPlainString).orElseGet(() -> duration.map(Duration::toString).orElse(""));
  }
}
