package io.nvrkit.core.internal.rotation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Spaces the start of work on devices sharing a host by a minimum interval. Thread-safe. */
final class HostPacer {
  private final long intervalNanos;
  private final Map<String, Long> next = new HashMap<>();

  HostPacer(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  void acquire(String host) {
    if (intervalNanos <= 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long at = Math.max(now, next.getOrDefault(host, now));
      next.put(host, at + intervalNanos);
      wait = at - now;
    }
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
