package io.nvrkit.testkit.internal.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

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
   * The vendor whose procedure applies ({@code lorex} or {@code hikvision}).
   *
   * @return the vendor id
   */
  default String vendor() {
    return "lorex";
  }

  /**
   * The start time SADP shows (Hikvision), device-local.
   *
   * @return the start time, empty where the procedure does not use it
   */
  default Optional<LocalDateTime> startTime() {
    return Optional.empty();
  }

  /**
   * Until when a grant issued at {@code now} is valid: the end of the device's day (Lorex).
   *
   * @param now the desk's time of issue
   * @return the end of validity
   */
  default Instant grantValidUntil(Instant now) {
    return endOfDay();
  }

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
