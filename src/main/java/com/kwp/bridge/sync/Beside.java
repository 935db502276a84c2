package com.kwp.bridge.sync;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Driver work run beside the stream's own thread. Each task gets a new thread, which inherits the caller's
 * Spark local properties (the streaming query's job group, so stopping the query cancels its jobs too; a
 * pooled thread would carry another caller's).
 */
final class Beside {
  private Beside() {}

  static <T> Future<T> start(Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread t = new Thread(task, "bridge-sync-beside");
    t.setDaemon(true);
    t.start();
    return task;
  }

  /** The task's result; its own exception, not the executor's wrapper, when it failed. */
  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException ex) {
      throw ex.getCause() instanceof Exception cause ? cause : ex;
    }
  }
}
