package io.nvrkit.testkit.internal.hikvision;

import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.Lockout;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The illegal-login lock of Hikvision firmware: failures are counted per <b>source IP</b> (not per
 * account); after the threshold the IP is locked for the lock time, during which even the right
 * password is refused. A success resets the IP's count (not researched; the plausible choice, and
 * configurable: without it failures stay until a lock has run its time). The settings are the
 * device's {@link Lockout} ({@code /ISAPI/Security/illegalLoginLock}).
 *
 * <p>Thread-safe.
 */
final class IpLock {
  private static final int MAX_IPS = 4096;

  /**
   * What the 401 body says.
   *
   * @param locked whether the IP is locked now
   * @param unlockSeconds seconds until the lock ends (0 when not locked)
   * @param retriesLeft attempts left before the lock
   * @param failures failures counted so far
   */
  record Status(boolean locked, long unlockSeconds, int retriesLeft, int failures) {}

  private static final class Counter {
    int failures;
    Instant lockedUntil;
  }

  private final FakeClock clock;
  private final int adminAttempts;
  private final boolean successResets;
  private final Map<String, Counter> counters = new HashMap<>();

  IpLock(FakeClock clock, int adminAttempts, boolean successResets) {
    this.clock = clock;
    this.adminAttempts = adminAttempts;
    this.successResets = successResets;
  }

  private int threshold(Lockout l, String user) {
    return "admin".equals(user) && adminAttempts > 0 ? adminAttempts : l.attempts();
  }

  /** The IP's state now, counting nothing. */
  synchronized Status status(String ip, Lockout l, String user) {
    Counter c = live(ip);
    int t = threshold(l, user);
    if (c == null) {
      return new Status(false, 0, t, 0);
    }
    Instant now = clock.now();
    if (c.lockedUntil != null) {
      long s = Math.max(1, Duration.between(now, c.lockedUntil).toSeconds());
      return new Status(true, s, 0, c.failures);
    }
    return new Status(false, 0, Math.max(0, t - c.failures), c.failures);
  }

  /** Counts one failure of {@code ip} (trying {@code user}) and returns the new state. */
  synchronized Status fail(String ip, Lockout l, String user) {
    Counter c = live(ip);
    if (c == null) {
      c = new Counter();
      if (counters.size() < MAX_IPS) {
        counters.put(ip, c);
      }
    }
    c.failures++;
    if (l.enabled() && c.failures >= threshold(l, user)) {
      c.lockedUntil = clock.now().plus(l.lockTime());
    }
    return status(ip, l, user);
  }

  /** A success from {@code ip}: its count starts again (where the device is set to do that). */
  synchronized void success(String ip) {
    Counter c = live(ip);
    if (successResets && c != null && c.lockedUntil == null) {
      counters.remove(ip);
    }
  }

  /** Whether any IP is locked now. */
  synchronized boolean anyLocked() {
    for (String ip : Map.copyOf(counters).keySet()) {
      Counter c = live(ip);
      if (c != null && c.lockedUntil != null) {
        return true;
      }
    }
    return false;
  }

  /** The longest remaining lock of any IP. */
  synchronized Duration longestLock() {
    Duration max = Duration.ZERO;
    Instant now = clock.now();
    for (String ip : Map.copyOf(counters).keySet()) {
      Counter c = live(ip);
      if (c != null && c.lockedUntil != null) {
        Duration d = Duration.between(now, c.lockedUntil);
        if (d.compareTo(max) > 0) {
          max = d;
        }
      }
    }
    return max;
  }

  /** The highest failure count of any IP (since its last success or lock expiry). */
  synchronized int mostFailures() {
    int max = 0;
    for (String ip : Map.copyOf(counters).keySet()) {
      Counter c = live(ip);
      if (c != null) {
        max = Math.max(max, c.failures);
      }
    }
    return max;
  }

  synchronized void reset() {
    counters.clear();
  }

  /** The IP's counter, dropping it when its lock has run out. */
  private Counter live(String ip) {
    Counter c = counters.get(ip);
    if (c != null && c.lockedUntil != null && !clock.now().isBefore(c.lockedUntil)) {
      counters.remove(ip);
      return null;
    }
    return c;
  }
}
