package io.nvrkit.examples.rotation;

import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.hikvision.HikvisionDriver;
import io.nvrkit.lorex.LorexDriver;
import io.nvrkit.onvif.OnvifDriver;

/**
 * The real drivers. They hold no state: what a new process would have (a fresh lockout ledger, no
 * pooled connections) comes from the new {@link io.nvrkit.core.NvrKit} each simulated process
 * builds, exactly as a restarted {@code nvrctl rotate --resume} would.
 */
final class FreshProcessDrivers {
  private FreshProcessDrivers() {}

  static NvrDriver lorex() {
    return LorexDriver.create();
  }

  static NvrDriver onvif() {
    return OnvifDriver.create();
  }

  static NvrDriver hikvision() {
    return HikvisionDriver.create();
  }
}
