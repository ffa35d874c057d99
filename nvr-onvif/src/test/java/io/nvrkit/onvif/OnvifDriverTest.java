package io.nvrkit.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.ProbeResult;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeNvr;
import org.junit.jupiter.api.Test;

class OnvifDriverTest {

  @Test
  void registeredWithServiceLoaderAsAGenericLowPriorityDriver() {
    assertInstanceOf(OnvifDriver.class, Nvr.driver("onvif"));
    assertTrue(OnvifDriver.create().priority() < 0);
    assertEquals("onvif", OnvifDriver.create().driverId());
  }

  @Test
  void nvrProbeDetectsAnOnvifDeviceAndConnectPicksTheDriver() {
    try (FakeNvr f =
        FakeNvr.onvif().user("onvif-admin", "Admin12345", AccountLevel.ADMINISTRATOR).start()) {
      ProbeResult p = Nvr.probe(f.endpoint(), ConnectOptions.defaults());
      assertTrue(p.recognisedBy().contains("onvif"), p.toString());
      try (NvrClient c =
          Nvr.connect(
              f.endpoint(),
              Credentials.of("onvif-admin", Secret.of("Admin12345")),
              ConnectOptions.builder().driver("onvif").build())) {
        assertEquals("onvif", c.driverId());
        assertTrue(c.identity().serial().isPresent());
      }
    }
  }
}
