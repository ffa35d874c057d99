package io.nvrkit.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * WS-Discovery against a tiny loopback UDP responder that answers each Probe like
 * onvif-schemas/samples/ProbeMatches.xml (RelatesTo set to the probe's MessageID), plus garbage.
 */
class OnvifDiscoveryTest {
  static final Pattern MESSAGE_ID = Pattern.compile("MessageID>([^<]+)<");

  static String probeMatches(String relatesTo, String epr, String xaddrs) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\""
        + " xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
        + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
        + " xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\""
        + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><SOAP-ENV:Header>"
        + "<wsa:MessageID>uuid:6a7e0c52-2f0b-4b8e-a1d3-9c4e5f6a7b8c</wsa:MessageID>"
        + "<wsa:RelatesTo>"
        + relatesTo
        + "</wsa:RelatesTo>"
        + "<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
        + "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>"
        + "<d:AppSequence InstanceId=\"1714550400\" MessageNumber=\"3\"/></SOAP-ENV:Header>"
        + "<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>"
        + "<wsa:EndpointReference><wsa:Address>"
        + epr
        + "</wsa:Address></wsa:EndpointReference>"
        + "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
        + "<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming"
        + " onvif://www.onvif.org/hardware/NVR-1608 onvif://www.onvif.org/name/Example%20Vendor"
        + " onvif://www.onvif.org/MacAddress/44-19-B6-12-34-56"
        + " onvif://www.onvif.org/location/country/any</d:Scopes>"
        + "<d:XAddrs>"
        + xaddrs
        + "</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>"
        + "</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>";
  }

  /** Answers every probe with: garbage, a foreign answer, and the device twice (two NICs). */
  static final class Responder implements AutoCloseable {
    final DatagramSocket socket;
    final AtomicInteger probes = new AtomicInteger();
    final Thread thread;

    Responder() throws SocketException {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                byte[] buf = new byte[65535];
                while (!socket.isClosed()) {
                  try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    probes.incrementAndGet();
                    String probe =
                        new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                    Matcher m = MESSAGE_ID.matcher(probe);
                    if (!m.find()) {
                      continue;
                    }
                    String id = m.group(1);
                    for (String answer :
                        List.of(
                            "<not xml",
                            "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
                            probeMatches("uuid:someone-else", "urn:uuid:other", "http://10.9.9.9/"),
                            probeMatches(
                                id,
                                "urn:uuid:4419b612-3456-11ee-8000-4419b6123456",
                                "http://192.0.2.64/onvif/device_service"
                                    + " http://127.0.0.1:8080/onvif/device_service"),
                            probeMatches(
                                id,
                                "urn:uuid:4419b612-3456-11ee-8000-4419b6123456",
                                "http://127.0.0.1:8080/onvif/device_service"))) {
                      byte[] b = answer.getBytes(StandardCharsets.UTF_8);
                      socket.send(new DatagramPacket(b, b.length, p.getSocketAddress()));
                    }
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              },
              "ws-discovery-responder");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  @Test
  void probeIsRepeatedAndMatchesAreDeduplicatedDecodedAndTheReachableXaddrChosen()
      throws Exception {
    try (Responder r = new Responder()) {
      List<DiscoveredDevice> found = OnvifDiscovery.probe(r.address(), Duration.ofMillis(2000));
      assertEquals(1, found.size(), found.toString());
      DiscoveredDevice d = found.get(0);
      assertEquals("urn:uuid:4419b612-3456-11ee-8000-4419b6123456", d.endpointReference());
      assertEquals(URI.create("http://127.0.0.1:8080/onvif/device_service"), d.xaddr());
      assertEquals(2, d.xaddrs().size());
      assertEquals("NVR-1608", d.hardware().orElseThrow());
      assertEquals("Example Vendor", d.name().orElseThrow());
      assertEquals("44:19:b6:12:34:56", d.mac().orElseThrow());
      assertTrue(d.serial().isEmpty());
      assertEquals("127.0.0.1", d.endpoint().host());
      assertEquals(
          2 * io.nvrkit.onvif.internal.WsDiscovery.ROUNDS,
          r.probes.get(),
          "each round probes NetworkVideoTransmitter and Device");
    }
  }

  @Test
  void silenceGivesNothing() throws Exception {
    try (DatagramSocket quiet = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      assertEquals(
          List.of(),
          OnvifDiscovery.probe(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), quiet.getLocalPort()),
              Duration.ofMillis(200)));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> OnvifDiscovery.probe(OnvifDiscovery.MULTICAST, Duration.ZERO));
  }
}
