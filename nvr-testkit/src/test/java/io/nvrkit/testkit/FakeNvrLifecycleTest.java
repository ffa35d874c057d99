package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A fake owns its network loop (TCP accept and WS-Discovery) and stops it when closed. */
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

    for (Thread t : mine) {
      t.join(5_000); // bounded: the loop ends once its selector is woken
      assertFalse(t.isAlive(), "the loop thread ended with the fake");
    }
    assertThrows(IOException.class, () -> RawHttp.get(port, "/", null));
    nvr.close(); // idempotent
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
