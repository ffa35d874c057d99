package io.nvrkit.core.spi;

import io.nvrkit.core.DeviceIdentity;
import java.util.Objects;

/**
 * One driver's answer to a pre-authentication probe.
 *
 * @param recognised whether the device speaks this driver's protocol
 * @param identity what could be read without credentials (fields marked {@code NETWORK_PRE_AUTH})
 */
public record DriverProbe(boolean recognised, DeviceIdentity identity) {
  /** Checks the components. */
  public DriverProbe {
    Objects.requireNonNull(identity, "identity");
  }

  /**
   * The device does not speak this driver's protocol.
   *
   * @return a negative probe
   */
  public static DriverProbe notRecognised() {
    return new DriverProbe(false, DeviceIdentity.empty());
  }
}
