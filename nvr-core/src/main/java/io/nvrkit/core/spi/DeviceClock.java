package io.nvrkit.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A device's UTC clock, learned once from one of its answers (ONVIF GetSystemDateAndTime, a Dahua
 * {@code getCurrentTime}, an HTTP {@code Date} header) and anchored to the kit's monotonic clock
 * ({@link System#nanoTime()} outside tests), so that later jumps of the local wall clock do not
 * move it. The device's answer is taken to describe the midpoint of the exchange. Use it to sign
 * time-stamped requests (WS-UsernameToken) and to report clock skew.
 *
 * <p>Obtain one per session from {@link DriverContext#newDeviceClock()}. Thread-safe.
 */
public final class DeviceClock {
  private final LongSupplier nanoTime;
  private final Clock wall;
  private volatile @Nullable Anchor anchor;

  private record Anchor(Instant deviceUtc, long atNanos, Duration skew) {}

  /**
   * A clock that has learned nothing yet.
   *
   * @param nanoTime the monotonic source ({@code System::nanoTime} outside tests)
   * @param wall the local wall clock, used only before anything is learned and to report the skew
   */
  public DeviceClock(LongSupplier nanoTime, Clock wall) {
    this.nanoTime = java.util.Objects.requireNonNull(nanoTime, "nanoTime");
    this.wall = java.util.Objects.requireNonNull(wall, "wall");
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
  public @Nullable Duration skew() {
    Anchor a = anchor;
    return a == null ? null : a.skew();
  }

  @Override
  public String toString() {
    Anchor a = anchor;
    return a == null ? "DeviceClock[not learned]" : "DeviceClock[skew " + a.skew() + "]";
  }
}
