package io.nvrkit.core;

/** The fields of a {@link DeviceIdentity}. */
public enum IdentityField {
  /** The vendor or brand, e.g. {@code Lorex}. */
  VENDOR,
  /** The model number, e.g. {@code N841A}. */
  MODEL,
  /** The device ID printed next to the QR code; not the serial number. */
  DEVICE_ID,
  /** The serial number. */
  SERIAL,
  /** The firmware version. */
  FIRMWARE,
  /** The firmware build date. */
  FIRMWARE_BUILD,
  /** The hardware version. */
  HARDWARE_VERSION,
  /** The machine (host) name. */
  MACHINE_NAME,
  /** The MAC address, {@code aa:bb:cc:dd:ee:ff}. */
  MAC,
  /** The date and time the device displays, ISO-8601 local date-time. */
  DEVICE_DATE_TIME,
  /** The device's time zone as configured on it, a {@link java.time.ZoneId} or offset. */
  DEVICE_ZONE,
  /**
   * When the device last started, ISO-8601 local date-time in the device's own time (Hikvision's
   * SADP {@code BootTime}, which Hikvision support asks for in a reset request).
   */
  START_TIME,
  /** The kind of device as it names itself, e.g. {@code NVR}, {@code IPCamera}, {@code DVR}. */
  DEVICE_TYPE
}
