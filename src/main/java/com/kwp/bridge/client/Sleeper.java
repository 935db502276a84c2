package com.kwp.bridge.client;

import java.time.Duration;

/** Waits between polls; tests pass one that does not sleep for long. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration d) throws InterruptedException;
}
