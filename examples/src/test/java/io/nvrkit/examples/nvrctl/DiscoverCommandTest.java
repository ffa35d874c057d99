package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DiscoverCommandTest {

  /** Answers each Probe with one ProbeMatch (RelatesTo = the probe's MessageID). */
  static Thread responder(DatagramSocket s) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[65535];
              Pattern id = Pattern.compile("MessageID>([^<]+)<");
              while (!s.isClosed()) {
                try {
                  DatagramPacket p = new DatagramPacket(buf, buf.length);
                  s.receive(p);
                  Matcher m =
                      id.matcher(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
                  if (!m.find()) {
                    continue;
                  }
                  byte[] a =
                      ("<e:Envelope xmlns:e='http://www.w3.org/2003/05/soap-envelope'"
                              + " xmlns:a='http://schemas.xmlsoap.org/ws/2004/08/addressing'"
                              + " xmlns:d='http://schemas.xmlsoap.org/ws/2005/04/discovery'><e:Header>"
                              + "<a:RelatesTo>"
                              + m.group(1)
                              + "</a:RelatesTo></e:Header><e:Body><d:ProbeMatches><d:ProbeMatch>"
                              + "<a:EndpointReference><a:Address>urn:uuid:1234</a:Address>"
                              + "</a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>"
                              + "<d:Scopes>onvif://www.onvif.org/hardware/NVR-1608"
                              + " onvif://www.onvif.org/name/Lobby</d:Scopes>"
                              + "<d:XAddrs>http://127.0.0.1:8080/onvif/device_service</d:XAddrs>"
                              + "</d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>")
                          .getBytes(StandardCharsets.UTF_8);
                  s.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
                } catch (java.io.IOException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void discoverFindsHikvisionOverSadpBesideOnvif() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        io.nvrkit.testkit.FakeNvr hik = io.nvrkit.testkit.FakeNvr.hikvision().start()) {
      responder(s);
      java.net.InetSocketAddress sadp = hik.discoveryAddress().orElseThrow();
      String onvif = "127.0.0.1:" + s.getLocalPort();
      String sadpTarget = sadp.getHostString() + ":" + sadp.getPort();
      Run text =
          Run.of("discover", "--timeout", "1s", "--target", onvif, "--sadp-target", sadpTarget);
      assertEquals(0, text.code(), text.all());
      assertTrue(text.out().contains("model=NVR-1608"), text.out());
      assertTrue(text.out().contains("Hikvision (SADP)"), text.out());
      assertTrue(
          text.out().contains("serial=DS-7608NI-K2/8P20210813CCRRG12345678WCVU"), text.out());
      assertTrue(text.out().contains("started="), text.out());
      Run json = Run.of("discover", "--timeout", "1s", "--sadp-target", sadpTarget, "--json");
      assertEquals(0, json.code(), json.all());
      assertTrue(json.out().contains("\"model\" : \"DS-7608NI-K2/8P\""), json.out());
      assertTrue(json.out().contains("\"startTime\""), json.out());
    }
  }

  /** Plain {@code nvrctl discover}, no target: the SADP multicast probe reaches the fake. */
  @Test
  void discoverFindsTheHikvisionFakeByMulticastOnLoopback() {
    try (io.nvrkit.testkit.FakeNvr hik = io.nvrkit.testkit.FakeNvr.hikvision().start()) {
      if (!hik.discoveryMulticast()) {
        System.err.println(
            "WARNING: multicast on loopback is not available on this host; nvrctl discover"
                + " multicast test SKIPPED");
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(
          hik.discoveryMulticast(), "no multicast on loopback");
      Run text = Run.of("discover", "--timeout", "2s");
      assertEquals(0, text.code(), text.all());
      assertTrue(
          text.out().contains("http://127.0.0.1:" + hik.port() + "  Hikvision (SADP)"), text.out());
    }
  }

  @Test
  void discoverListsDevicesAsTextAndJson() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      responder(s);
      String target = "127.0.0.1:" + s.getLocalPort();
      Run text = Run.of("discover", "--timeout", "2s", "--target", target);
      assertEquals(0, text.code(), text.all());
      assertTrue(text.out().contains("http://127.0.0.1:8080/onvif/device_service"), text.out());
      assertTrue(text.out().contains("model=NVR-1608"), text.out());
      Run json = Run.of("discover", "--timeout", "PT2S", "--target", target, "--json");
      assertEquals(0, json.code(), json.all());
      assertTrue(json.out().contains("\"hardware\" : \"NVR-1608\""), json.out());
      assertTrue(json.out().contains("\"endpointReference\" : \"urn:uuid:1234\""), json.out());
    }
  }

  @Test
  void badTimeoutIsAUsageError() {
    assertEquals(1, Run.of("discover", "--timeout", "soon").code());
  }
}
