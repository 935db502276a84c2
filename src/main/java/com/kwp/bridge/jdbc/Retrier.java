package com.kwp.bridge.jdbc;

import com.kwp.bridge.error.BridgeException;
import com.kwp.bridge.error.DatabaseException;
import com.kwp.bridge.error.ErrorClass;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs a unit of work, retrying only failures the dialect judged transient ({@link DatabaseException#isTransient()}),
 * each attempt logged, with backoff from the {@link RetryPolicy}. The work must reopen its own connection.
 */
public final class Retrier {
  private static final Logger LOG = Logger.getLogger(Retrier.class.getName());
  private final RetryPolicy policy;
  private final Sleeper sleeper;

  /** Pauses between attempts; replaceable so tests need not wait. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public Retrier(RetryPolicy policy) {
    this(policy, d -> Thread.sleep(d.toMillis()));
  }

  public Retrier(RetryPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /** Runs {@code work}; {@code onRetry} receives the number of the attempt about to start (2, 3, ...). */
  public <T> T run(String what, Supplier<T> work, IntConsumer onRetry) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (DatabaseException e) {
        if (!e.isTransient() || attempt >= policy.maxAttempts()) {
          throw e;
        }
        Duration d = policy.delayAfter(attempt, ThreadLocalRandom.current().nextDouble());
        int failed = attempt;
        LOG.warning(() -> what + ": attempt " + failed + "/" + policy.maxAttempts() + " failed transiently (SQLState "
            + e.sqlState() + ", code " + e.vendorCode() + "), retrying in " + d.toMillis() + " ms: " + e.getMessage());
        onRetry.accept(attempt + 1);
        try {
          sleeper.sleep(d);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new BridgeException(ErrorClass.INTERNAL, what + " interrupted while waiting to retry", e);
        }
      }
    }
  }

  public <T> T run(String what, Supplier<T> work) {
    return run(what, work, n -> {});
  }
}
