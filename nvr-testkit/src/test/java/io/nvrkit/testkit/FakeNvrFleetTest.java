package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeNvrFleetTest {
  @Test
  void twoHundredDevicesEachWithItsOwnIdentityAndPortAnswer() throws Exception {
    try (FakeNvrFleet fleet =
        FakeNvrFleet.lorex(200)
            .seed(7)
            .everyDevice(b -> b.user("admin", "Fleet-Passw0rd", AccountLevel.ADMINISTRATOR))
            .start()) {
      assertEquals(200, fleet.size());
      Set<Integer> ports = new HashSet<>();
      Set<String> serials = new HashSet<>();
      Set<String> ids = new HashSet<>();
      Set<String> macs = new HashSet<>();
      for (FakeNvr d : fleet.devices()) {
        ports.add(d.port());
        FakeIdentity id = d.identity();
        serials.add(id.serial());
        ids.add(id.deviceId());
        macs.add(id.mac());
        assertNotEquals(id.serial(), id.deviceId());
        RawHttp.Response r =
            RawHttp.get(d.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", null);
        assertTrue(r.header("WWW-Authenticate").contains("Login to " + id.serial()));
      }
      assertEquals(200, ports.size());
      assertEquals(200, serials.size());
      assertEquals(200, ids.size());
      assertEquals(200, macs.size());
      FakeNvr d42 = fleet.device(42);
      assertEquals(
          "sn=" + d42.identity().serial() + "\r\n",
          RawHttp.digestGet(
                  d42.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", "admin", "Fleet-Passw0rd")
              .text());
      assertEquals(d42, fleet.bySerial(d42.identity().serial()).orElseThrow());
      assertEquals(d42, fleet.byDeviceId(d42.identity().deviceId()).orElseThrow());
    }
  }

  @Test
  void identitiesAreDeterministicPerSeedAndIndex() {
    assertEquals(
        FakeNvrFleet.identityFor(PersonalityKind.LOREX, 7, 3),
        FakeNvrFleet.identityFor(PersonalityKind.LOREX, 7, 3));
    assertNotEquals(
        FakeNvrFleet.identityFor(PersonalityKind.LOREX, 7, 3).deviceId(),
        FakeNvrFleet.identityFor(PersonalityKind.LOREX, 8, 3).deviceId());
    assertTrue(
        FakeNvrFleet.identityFor(PersonalityKind.LOREX, 7, 3).serial().matches("ND[0-9]{12}"));
  }

  @Test
  void perDeviceFaultsThroughCustomize() throws Exception {
    try (FakeNvrFleet fleet =
        FakeNvrFleet.lorex(3)
            .customize(
                (i, b) -> {
                  if (i == 1) {
                    b.faultAlways(DeviceOperation.ANY, Fault.httpStatus(503));
                  }
                })
            .start()) {
      String serial = "/cgi-bin/magicBox.cgi?action=getSerialNo";
      String admin = FakeNvr.DEFAULT_ADMIN;
      String pw = FakeNvr.DEFAULT_ADMIN_PASSWORD;
      assertEquals(200, RawHttp.digestGet(fleet.device(0).port(), serial, admin, pw).status());
      assertEquals(503, RawHttp.digestGet(fleet.device(1).port(), serial, admin, pw).status());
    }
  }
}
