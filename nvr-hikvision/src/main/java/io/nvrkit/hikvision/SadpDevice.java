package io.nvrkit.hikvision;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A device that answered a SADP probe: what Hikvision's SADP tool shows, read without a login.
 *
 * <p>{@link #startTime()} is the device's <b>start time</b> ({@code BootTime}, in the device's own
 * local time, without a zone): the value Hikvision support asks for in a password-reset request,
 * with the full serial number. Answers are unauthenticated: use them to find devices and fill a
 * reset form, not as proof of identity. Immutable.
 *
 * @param address the device's IPv4 address as it reported it (or the sender's address)
 * @param httpPort the HTTP port it reported, or 0 if not told
 * @param model the model ({@code DeviceDescription}), or null
 * @param serial the full serial number ({@code DeviceSN})
 * @param mac the MAC, lower case with colons, or null
 * @param firmware the firmware version, e.g. {@code V5.6.2}, or null
 * @param firmwareBuild the firmware build date, ISO-8601, or null
 * @param startTime the device's local start time, or null
 * @param activated whether the device is activated, or null if not told
 * @param passwordResetAbility the device's {@code PasswordResetAbility}, verbatim, or null
 */
public record SadpDevice(
    String address,
    int httpPort,
    String model,
    String serial,
    String mac,
    String firmware,
    String firmwareBuild,
    LocalDateTime startTime,
    Boolean activated,
    String passwordResetAbility) {

  /** Checks the serial is present. */
  public SadpDevice {
    Objects.requireNonNull(serial, "serial");
  }

  /**
   * The activation state, when the device told it.
   *
   * @return true if activated, false if it still needs activation
   */
  public Optional<Boolean> activation() {
    return Optional.ofNullable(activated);
  }
}
