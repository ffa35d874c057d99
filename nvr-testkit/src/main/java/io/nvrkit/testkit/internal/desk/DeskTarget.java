package io.nvrkit.testkit.internal.desk;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A fake recorder as the fake reset desk sees it: how it is identified, the date it displays, and
 * the hook that installs a temporary password on it.
 */
public interface DeskTarget {
  /**
   * The serial number.
   *
   * @return the serial
   */
  String serial();

  /**
   * The device ID (not the serial).
   *
   * @return the device ID
   */
  String deviceId();

  /**
   * The date the recorder displays now (its own clock and zone).
   *
   * @return the date
   */
  LocalDate displayedDate();

  /**
   * The end of the recorder's current day, as an instant.
   *
   * @return the instant
   */
  Instant endOfDay();

  /**
   * Installs a temporary password for {@code admin}, valid until {@code validUntil}.
   *
   * @param password the password (copied by the device)
   * @param validUntil the end of validity
   */
  void installTemporaryPassword(char[] password, Instant validUntil);

  /**
   * Whether this target is the same device as {@code o} (for de-duplicating registrations).
   *
   * @param o another target
   * @return true if the same device
   */
  default boolean sameDevice(DeskTarget o) {
    return this == o;
  }
}
