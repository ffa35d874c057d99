package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A fake, or a fleet for all its devices, owns its network loop (TCP accept and WS-Discovery) and
 * stops it when closed.
 */
class FakeNvrLifecycleTest {
  private static final String LOOP = "nvr-testkit-device-acceptor";

  @Test
  void closingAFakeEndsItsLoopThreadAndReleasesItsPorts() throws Exception {
    Set<Thread> before = threads(LOOP);
    FakeNvr nvr =
        FakeNvr.onvif()
            .onvifProfile(OnvifProfile.builder().discovery(OnvifProfile.Discovery.UNICAST).build())
            .start();
    int port = nvr.port();
    assertTrue(nvr.discoveryAddress().isPresent(), "the responder runs on the fake's loop");
    assertEquals(
        200,
        RawHttp.post(
                port,
                "/onvif/device_service",
                "application/soap+xml",
                "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
                    + "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>"
                    + "</s:Body></s:Envelope>")
            .status());
    Set<Thread> mine = threads(LOOP);
    mine.removeAll(before);
    assertEquals(1, mine.size(), "one loop thread for the fake and its responder: " + mine);

    nvr.close();

    assertEnded(mine, "the loop thread ended with the fake");
    assertThrows(IOException.class, () -> RawHttp.get(port, "/", null));
    nvr.close(); // idempotent
  }

  @Test
  void aFleetRunsOneNetworkLoopAndStopsItOnCloseWhileOtherFakesKeepServing() throws Exception {
    try (FakeNvr other = FakeNvr.lorex().start()) {
      Set<Thread> before = threads("nvr-testkit-fleet-acceptor");
      FakeNvrFleet fleet = FakeNvrFleet.lorex(3).seed(5).start();
      int port = fleet.device(2).port();
      for (FakeNvr d : fleet.devices()) {
        assertEquals(
            401, RawHttp.get(d.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", null).status());
      }
      Set<Thread> running = threads("nvr-testkit-fleet-acceptor");
      running.removeAll(before);
      assertEquals(1, running.size(), "three devices, one loop thread: " + running);

      fleet.close();

      assertEnded(running, "the fleet's loop thread ended with the fleet");
      assertThrows(IOException.class, () -> RawHttp.get(port, "/", null));
      assertEquals(
          401,
          RawHttp.get(other.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", null).status(),
          "a fake outside the fleet has its own loop and still answers");
    }
  }

  private static void assertEnded(Set<Thread> loops, String message) throws InterruptedException {
    for (Thread t : loops) {
      t.join(5_000); // bounded: a loop ends once its selector is woken
      assertFalse(t.isAlive(), message);
    }
  }

  private static Set<Thread> threads(String name) {
    Set<Thread> out = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name) && t.isAlive()) {
        out.add(t);
      }
    }
    return out;
  }
}
