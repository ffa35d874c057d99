package io.nvrkit.testkit.internal.onvif;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers used nonces for a while (device time) to refuse replays. Bounded: expired entries are
 * swept when the map grows; when {@link #MAX_ENTRIES} live entries remain, the older half (by
 * expiry) is forgotten. A replay is therefore refused while it is among the newest {@code
 * MAX_ENTRIES / 2} nonces or more, which covers every replay test, and a correct client is never
 * refused because of load (a refusal is a credential verdict: the client counts it as a failed
 * login).
 */
final class NonceCache {
  static final int MAX_ENTRIES = 200_000;

  private final Map<String, Instant> used = new ConcurrentHashMap<>();
  private final Duration keep;
  private final int maxEntries;
  private volatile Instant lastSweep;

  NonceCache(Duration keep) {
    this(keep, MAX_ENTRIES);
  }

  NonceCache(Duration keep, int maxEntries) {
    this.keep = keep;
    this.maxEntries = maxEntries;
  }

  /**
   * Marks {@code key} as used at {@code now}.
   *
   * @return false if it was already used (a replay)
   */
  boolean markUsed(String key, Instant now) {
    if (used.size() > maxEntries / 2) {
      Instant last = lastSweep;
      if (last == null || now.isAfter(last.plusSeconds(1)) || used.size() >= maxEntries) {
        lastSweep = now; // sweep at most once a second of device time (it is O(n))
        used.values().removeIf(expiry -> expiry.isBefore(now));
      }
      if (used.size() >= maxEntries) {
        forgetOlderHalf();
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

  /** Forgets the entries that expire first, about half of them; O(n log n), once per half-fill. */
  private synchronized void forgetOlderHalf() {
    if (used.size() < maxEntries) {
      return; // another thread just did it
    }
    Instant[] expiries = used.values().toArray(new Instant[0]);
    Arrays.sort(expiries);
    Instant cutoff = expiries[expiries.length / 2];
    used.values().removeIf(expiry -> !expiry.isAfter(cutoff));
  }
}
