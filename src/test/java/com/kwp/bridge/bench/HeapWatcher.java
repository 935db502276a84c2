package com.kwp.bridge.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the JVM heap during one phase: the highest sampled heap use (includes garbage not yet collected)
 * and the highest heap left after any collection (what the process actually retained). The second is the
 * one that would grow if rows piled up in the driver.
 */
final class HeapWatcher implements AutoCloseable {
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final Thread sampler;
  private volatile boolean running = true;

  HeapWatcher() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
        emitters.add(e);
      }
    }
    sampler = new Thread(this::sample, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long after = 0;
    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
      after += u.getUsed();
    }
    // non-heap pools (metaspace, code cache) are in the map too; subtract them to keep heap only
    after -= nonHeapUsed(info);
    peakAfterGc.accumulateAndGet(after, Math::max);
  }

  private static long nonHeapUsed(GarbageCollectionNotificationInfo info) {
    long nonHeap = 0;
    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      String pool = e.getKey();
      if (pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Class Space")) {
        nonHeap += e.getValue().getUsed();
      }
    }
    return nonHeap;
  }

  long peakUsedBytes() {
    return peakUsed.get();
  }

  /** Highest heap retained after a collection during the phase; 0 when no collection ran. */
  long peakAfterGcBytes() {
    return peakAfterGc.get();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }
}
