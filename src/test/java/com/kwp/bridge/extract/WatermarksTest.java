package com.kwp.bridge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.config.Lookback;
import com.kwp.bridge.error.ConfigException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatermarksTest {
  @Test
  void sparkValuesNormalizeToPlannerTypes() {
    LocalDateTime t = LocalDateTime.of(2024, 3, 1, 10, 0, 0, 123_456_000);
    assertEquals(t, Watermarks.normalize(Timestamp.valueOf(t)));
    assertEquals(LocalDate.of(2024, 3, 1), Watermarks.normalize(java.sql.Date.valueOf("2024-03-01")));
    assertEquals(5L, Watermarks.normalize(5));
    assertEquals(new BigDecimal("1.5"), Watermarks.normalize(1.5d));
  }

  @Test
  void caughtUpComparesAcrossNumberTypes() {
    assertTrue(Watermarks.caughtUp(10L, new BigDecimal("10")));
    assertFalse(Watermarks.caughtUp(9L, 10L));
    assertFalse(Watermarks.caughtUp(null, 10L));
    assertTrue(Watermarks.caughtUp(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 1)));
  }

  @Test
  void lookbackMovesTheWatermarkBackByKind() {
    assertEquals(95L, Watermarks.minusLookback("k", 100L, Optional.of(Lookback.ofAmount(new BigDecimal("5")))));
    assertEquals(LocalDateTime.of(2024, 1, 1, 10, 0),
        Watermarks.minusLookback("k", LocalDateTime.of(2024, 1, 1, 12, 0), Optional.of(Lookback.ofDuration(Duration.ofHours(2)))));
    assertEquals(LocalDate.of(2024, 1, 1),
        Watermarks.minusLookback("k", LocalDate.of(2024, 1, 3), Optional.of(Lookback.ofDuration(Duration.ofDays(2)))));
    ConfigException e = assertThrows(ConfigException.class,
        () -> Watermarks.minusLookback("extract.queries.v.lookback", 100L, Optional.of(Lookback.ofDuration(Duration.ofHours(1)))));
    assertTrue(e.getMessage().contains("extract.queries.v.lookback"), e.getMessage());
  }
}
