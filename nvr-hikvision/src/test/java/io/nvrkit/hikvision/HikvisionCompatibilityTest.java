package io.nvrkit.hikvision;

import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.tck.NvrDriverCompatibilityKit;

/**
 * The testkit's compatibility kit against the Hikvision personality of the fake (ISAPI, Digest, the
 * per-IP illegal-login lock). The kit's new password is cut to the firmware's 16 characters by
 * {@link NvrDriverCompatibilityKit#newPassword()}, from {@link HikvisionPasswords#defaultPolicy()}.
 */
class HikvisionCompatibilityTest extends NvrDriverCompatibilityKit {
  @Override
  protected NvrDriver driver() {
    return HikvisionDriver.create();
  }

  @Override
  protected FakeNvr.Builder fakeNvr() {
    return FakeNvr.hikvision();
  }
}
