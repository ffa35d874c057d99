package io.nvrkit.core;

/**
 * Where a {@link DeviceIdentity} field came from.
 *
 * <p>The vendor's reset desk trusts values read from the device more than typed ones; a typed value
 * that disagrees with one read from the device is reported as an {@link IdentityConflict}.
 */
public enum Provenance {
  /** Read from the device over the network after logging in. */
  NETWORK_AUTHENTICATED,
  /** Read from the device over the network without credentials. */
  NETWORK_PRE_AUTH,
  /** Read by a person from the recorder's Info screen. */
  INFO_SCREEN,
  /** Read by a person from the sticker on the recorder. */
  STICKER,
  /** Typed by a person, source unspecified. */
  TYPED,
  /**
   * The device does not expose this field over the network: take it from the sticker or the Info
   * screen. A field with this provenance has no value.
   */
  NOT_READABLE_FROM_DEVICE;

  /**
   * Whether the value was read from the device itself.
   *
   * @return true for the two network provenances
   */
  public boolean fromDevice() {
    return this == NETWORK_AUTHENTICATED || this == NETWORK_PRE_AUTH;
  }
}
