package io.nvrkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The clock of a fake device, under the test's control: the date and time the device displays, its
 * time zone, and the time that drives lock timers, session expiry, token windows and the validity
 * of a temporary password.
 *
 * <p>A clock is either <em>fixed</em> (it moves only when the test calls {@link #advance} or {@link
 * #set}: use it whenever a test asserts on timers) or <em>ticking</em> (it follows the host's clock
 * plus an offset, which {@link #advance} changes; use it for long-running fakes, such as the
 * standalone launcher, that real clients talk to).
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.fixed(Instant.parse("2026-11-25T09:30:00Z"), ZoneId.of("America/Toronto"));
 * try (FakeNvr nvr = FakeNvr.lorex().clock(clock).start()) {
 *   ... three wrong passwords ...
 *   clock.advance(Duration.ofMinutes(30));   // the lock expires; no sleep
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread; devices read it concurrently.
 */
public final class FakeClock {
  private final boolean ticking;
  private final Clock host;
  private final Instant initial;
  private final ZoneId initialZone;
  private Instant fixedNow;
  private Duration offset = Duration.ZERO;
  private Duration initialOffset = Duration.ZERO;
  private ZoneId zone;

  private FakeClock(boolean ticking, Clock host, Instant start, ZoneId zone) {
    this.ticking = ticking;
    this.host = host;
    this.initial = start;
    this.initialZone = zone;
    this.fixedNow = start;
    this.zone = zone;
  }

  /**
   * A clock that stands still at {@code start} until the test moves it.
   *
   * @param start the device's current instant
   * @param zone the device's time zone
   * @return the clock
   */
  public static FakeClock fixed(Instant start, ZoneId zone) {
    return new FakeClock(
        false, null, Objects.requireNonNull(start, "start"), Objects.requireNonNull(zone, "zone"));
  }

  /**
   * A clock that follows the host's clock, shifted by {@code skew} (positive: the device is ahead).
   *
   * @param skew how far the device's clock is from the host's
   * @param zone the device's time zone
   * @return the clock
   */
  public static FakeClock ticking(Duration skew, ZoneId zone) {
    FakeClock c =
        new FakeClock(true, Clock.systemUTC(), Instant.EPOCH, Objects.requireNonNull(zone, "zone"));
    c.offset = Objects.requireNonNull(skew, "skew");
    c.initialOffset = skew;
    return c;
  }

  /**
   * The default: a ticking clock without skew in zone {@code America/Toronto} (a non-UTC zone, so
   * that zone mistakes show up in tests).
   *
   * @return the clock
   */
  public static FakeClock defaults() {
    return ticking(Duration.ZERO, ZoneId.of("America/Toronto"));
  }

  /**
   * Whether the clock follows the host's clock.
   *
   * @return true for a ticking clock
   */
  public boolean isTicking() {
    return ticking;
  }

  /**
   * The device's current instant.
   *
   * @return now, on the device
   */
  public synchronized Instant now() {
    return ticking ? host.instant().plus(offset) : fixedNow;
  }

  /**
   * The device's time zone.
   *
   * @return the zone
   */
  public synchronized ZoneId zone() {
    return zone;
  }

  /**
   * The local date and time the device displays.
   *
   * @return now, as local wall time in the device's zone
   */
  public synchronized LocalDateTime localDateTime() {
    return LocalDateTime.ofInstant(now(), zone);
  }

  /**
   * The end of the device's current day: the last second before local midnight, as an instant.
   *
   * @return the end of today on the device
   */
  public synchronized Instant endOfDay() {
    ZonedDateTime z = now().atZone(zone);
    return z.toLocalDate().plusDays(1).atStartOfDay(zone).minusSeconds(1).toInstant();
  }

  /**
   * Moves the clock forward (or backward, with a negative duration).
   *
   * @param amount how far
   */
  public synchronized void advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (ticking) {
      offset = offset.plus(amount);
    } else {
      fixedNow = fixedNow.plus(amount);
    }
  }

  /**
   * Sets the device's current instant (what a {@code setCurrentTime} or NTP would do).
   *
   * @param instant the new now
   */
  public synchronized void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    if (ticking) {
      offset = Duration.between(host.instant(), instant);
    } else {
      fixedNow = instant;
    }
  }

  /**
   * Sets the device's local wall time, keeping its zone.
   *
   * @param local the new local date and time
   */
  public synchronized void setLocal(LocalDateTime local) {
    set(local.atZone(zone).toInstant());
  }

  /**
   * Changes the device's time zone (its instant stays the same, its displayed time changes).
   *
   * @param newZone the zone
   */
  public synchronized void setZone(ZoneId newZone) {
    this.zone = Objects.requireNonNull(newZone, "newZone");
  }

  /** Back to the state of creation (used by {@link FakeNvr#reset()}). */
  synchronized void reset() {
    zone = initialZone;
    offset = initialOffset;
    fixedNow = initial;
  }

  /**
   * A {@link Clock} view of this fake clock, in the device's zone at the time of the call.
   *
   * @return a clock whose {@code instant()} is {@link #now()}
   */
  public Clock asClock() {
    FakeClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return self.zone();
      }

      @Override
      public Clock withZone(ZoneId z) {
        return Clock.fixed(self.now(), z);
      }

      @Override
      public Instant instant() {
        return self.now();
      }
    };
  }

  /** The clock's kind and current local time. */
  @Override
  public String toString() {
    return "FakeClock["
        + (ticking ? "ticking" : "fixed")
        + ", "
        + localDateTime()
        + " "
        + zone()
        + "]";
  }
}
