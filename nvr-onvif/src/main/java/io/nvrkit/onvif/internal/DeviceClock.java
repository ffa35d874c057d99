package io.nvrkit.onvif.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The device's UTC clock as last learned from GetSystemDateAndTime, anchored to a monotonic clock
 * ({@link System#nanoTime()}) so that later jumps of the local wall clock do not move it. The
 * device's answer is taken to describe the midpoint of the exchange (the device reports whole
 * seconds; peers ignore the round trip entirely). Thread-safe.
 */
public final class DeviceClock {
  private final LongSupplier nanoTime;
  private final Clock wall;
  private volatile Anchor anchor;

  private record Anchor(Instant deviceUtc, long atNanos, Duration skew) {}

  /**
   * A clock.
   *
   * @param nanoTime the monotonic source (System::nanoTime outside tests)
   * @param wall the local wall clock, only to report the skew
   */
  public DeviceClock(LongSupplier nanoTime, Clock wall) {
    this.nanoTime = nanoTime;
    this.wall = wall;
  }

  /**
   * The monotonic time now, for callers timing an exchange.
   *
   * @return nanoseconds
   */
  public long nanos() {
    return nanoTime.getAsLong();
  }

  /**
   * Learns the device time.
   *
   * @param deviceUtc what the device reported
   * @param sentNanos monotonic time the request was sent
   * @param receivedNanos monotonic time the answer arrived
   */
  public void learn(Instant deviceUtc, long sentNanos, long receivedNanos) {
    long mid = sentNanos + (receivedNanos - sentNanos) / 2;
    long sinceMid = nanoTime.getAsLong() - mid;
    Instant localAtMid = wall.instant().minusNanos(sinceMid);
    anchor = new Anchor(deviceUtc, mid, Duration.between(localAtMid, deviceUtc));
  }

  /**
   * Whether an offset has been learned.
   *
   * @return true once learned
   */
  public boolean known() {
    return anchor != null;
  }

  /**
   * The device's UTC now: the learned device time plus monotonic time elapsed since; the local
   * clock when nothing was learned.
   *
   * @return the device-clock instant
   */
  public Instant deviceNow() {
    Anchor a = anchor;
    if (a == null) {
      return wall.instant();
    }
    return a.deviceUtc().plusNanos(nanoTime.getAsLong() - a.atNanos());
  }

  /**
   * Device UTC minus local UTC when last learned.
   *
   * @return the skew, or null if never learned
   */
  public Duration skew() {
    Anchor a = anchor;
    return a == null ? null : a.skew();
  }
}
