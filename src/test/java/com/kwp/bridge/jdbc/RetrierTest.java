package com.kwp.bridge.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kwp.bridge.error.ConfigException;
import com.kwp.bridge.error.DatabaseException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  private final List<Duration> slept = new ArrayList<>();
  private final Retrier retrier = new Retrier(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60)), slept::add);

  private static DatabaseException failure(boolean isTransient) {
    return new DatabaseException("apply", "UPDATE t", new SQLException("x", isTransient ? "40001" : "23505"), isTransient);
  }

  @Test
  void transientFailuresAreRetriedUntilSuccess() {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> retries = new ArrayList<>();
    String result = retrier.run("apply", () -> {
      if (calls.incrementAndGet() < 3) {
        throw failure(true);
      }
      return "ok";
    }, retries::add);
    assertEquals("ok", result);
    assertEquals(List.of(2, 3), retries);
    assertEquals(2, slept.size());
  }

  @Test
  void permanentFailuresAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    DatabaseException e = failure(false);
    assertSame(e, assertThrows(DatabaseException.class, () -> retrier.run("apply", () -> {
      calls.incrementAndGet();
      throw e;
    })));
    assertEquals(1, calls.get());
    assertTrue(slept.isEmpty());
  }

  @Test
  void attemptsAreBounded() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(DatabaseException.class, () -> retrier.run("apply", () -> {
      calls.incrementAndGet();
      throw failure(true);
    }));
    assertEquals(3, calls.get());
  }

  @Test
  void backoffGrowsExponentiallyWithJitterAndIsCapped() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertEquals(Duration.ofMillis(500), p.delayAfter(1, 0.0));
    assertEquals(Duration.ofMillis(1000), p.delayAfter(1, 1.0));
    assertEquals(Duration.ofMillis(4000), p.delayAfter(3, 1.0));
    assertEquals(Duration.ofSeconds(60), p.delayAfter(20, 1.0));
  }

  @Test
  void invalidPoliciesAreRejected() {
    assertThrows(ConfigException.class, () -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    assertThrows(ConfigException.class, () -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(2)));
  }
}
