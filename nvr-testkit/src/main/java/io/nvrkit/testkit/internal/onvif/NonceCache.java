package io.nvrkit.testkit.internal.onvif;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers used nonces for a while (device time) to refuse replays. Bounded: expired entries are
 * swept when the map grows; past {@link #MAX_ENTRIES} live entries the oldest are not evicted (a
 * replay must never become possible) — instead new nonces are refused, as a device out of memory
 * would.
 */
final class NonceCache {
  static final int MAX_ENTRIES = 200_000;

  private final Map<String, Instant> used = new ConcurrentHashMap<>();
  private final Duration keep;
  private volatile Instant lastSweep;

  NonceCache(Duration keep) {
    this.keep = keep;
  }

  /**
   * Marks {@code key} as used at {@code now}.
   *
   * @return false if it was already used (a replay) or the cache is full
   */
  boolean markUsed(String key, Instant now) {
    if (used.size() > MAX_ENTRIES / 2) {
      Instant last = lastSweep;
      if (last == null || now.isAfter(last.plusSeconds(1)) || used.size() >= MAX_ENTRIES) {
        lastSweep = now; // sweep at most once a second of device time (it is O(n))
        used.values().removeIf(expiry -> expiry.isBefore(now));
      }
      if (used.size() >= MAX_ENTRIES) {
        return false;
      }
    }
    Instant expiry = now.plus(keep);
    Instant[] previous = new Instant[1];
    used.compute(
        key,
        (k, old) -> {
          previous[0] = old;
          return old == null || old.isBefore(now) ? expiry : old;
        });
    return previous[0] == null || previous[0].isBefore(now);
  }
}
