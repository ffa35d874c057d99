package io.nvrkit.examples.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.ProbeResult;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.tck.NvrDriverCompatibilityKit;
import org.junit.jupiter.api.Test;

/**
 * The example driver, written only on the public API and SPI, passes the compatibility kit against
 * the Lorex personality of the fake, as any third-party driver would run it.
 */
class DahuaCgiExampleDriverCompatibilityTest extends NvrDriverCompatibilityKit {
  @Override
  protected NvrDriver driver() {
    return new DahuaCgiExampleDriver();
  }

  @Override
  protected FakeNvr.Builder fakeNvr() {
    return FakeNvr.lorex();
  }

  /** Registered nowhere: a kit that finds its drivers never has it, so it never competes. */
  @Test
  void isNotFoundByServiceLoader() {
    try (NvrKit found = NvrKit.builder().discoverDrivers().build()) {
      assertFalse(
          found.driverIds().contains(DahuaCgiExampleDriver.DRIVER_ID),
          found.driverIds().toString());
      assertTrue(found.driverIds().contains("lorex"), found.driverIds().toString());
    }
  }

  /** The probe reads the serial from the Digest realm, without a login. */
  @Test
  void probeReadsTheSerialWithoutALogin() {
    try (FakeNvr fake =
            FakeNvr.lorex().user(ADMIN, ADMIN_PASSWORD, AccountLevel.ADMINISTRATOR).start();
        NvrKit kit = NvrKit.builder().driver(new DahuaCgiExampleDriver()).build()) {
      ProbeResult probe = kit.probe(fake.endpoint());
      assertEquals(DahuaCgiExampleDriver.DRIVER_ID, probe.driverId().orElse(null));
      assertEquals(fake.identity().serial(), probe.identity().serial().orElse(null));
      assertEquals(0, fake.failedAttempts(ADMIN));
    }
  }
}
