package io.nvrkit.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that a test moves by hand, never by the wall clock; thread-safe. */
public final class HandClock extends Clock {
  private volatile Instant now;

  /** A clock at 2026-11-25T00:00:00Z. */
  public HandClock() {
    this(Instant.parse("2026-11-25T00:00:00Z"));
  }

  /**
   * A clock at {@code start}.
   *
   * @param start the first instant it reads
   */
  public HandClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock forward.
   *
   * @param by how far
   */
  public void advance(Duration by) {
    now = now.plus(by);
  }

  /**
   * Sets the clock.
   *
   * @param instant the instant it reads from now on
   */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
