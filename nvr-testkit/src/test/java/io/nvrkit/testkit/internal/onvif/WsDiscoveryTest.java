package io.nvrkit.testkit.internal.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.OnvifProfile;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** WS-Discovery on loopback: a client's unicast (and, where possible, multicast) Probe. */
class WsDiscoveryTest {
  private static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
  private static final String D = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

  static String probe(String messageId, String probeBody) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
        + " xmlns:a=\""
        + WSA
        + "\" xmlns:d=\""
        + D
        + "\""
        + " xmlns:dp0=\"http://www.onvif.org/ver10/network/wsdl\">"
        + "<s:Header><a:MessageID>"
        + messageId
        + "</a:MessageID>"
        + "<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
        + "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>"
        + "<s:Body>"
        + probeBody
        + "</s:Body></s:Envelope>";
  }

  /** Sends one datagram and waits (bounded) for one answer; null on silence. */
  static byte[] exchange(InetSocketAddress to, String xml, Duration wait) throws Exception {
    try (java.net.DatagramSocket s =
        new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      s.setSoTimeout((int) wait.toMillis());
      byte[] out = xml.getBytes(StandardCharsets.UTF_8);
      s.send(new DatagramPacket(out, out.length, to));
      byte[] buf = new byte[65536];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        s.receive(p);
      } catch (SocketTimeoutException e) {
        return null;
      }
      return java.util.Arrays.copyOf(buf, p.getLength());
    }
  }

  private static FakeNvr start(OnvifProfile.Discovery mode) {
    return FakeNvr.onvif()
        .onvifProfile(
            OnvifProfile.builder().discovery(mode).discoveryMaxDelay(Duration.ZERO).build())
        .start();
  }

  private static String text(Document d, String ns, String local) {
    var n = d.getElementsByTagNameNS(ns, local).item(0);
    return n == null ? null : n.getTextContent();
  }

  @Test
  void aUnicastProbeGetsAProbeMatchThatAgreesWithTheDeviceService() throws Exception {
    try (FakeNvr nvr = start(OnvifProfile.Discovery.UNICAST)) {
      InetSocketAddress at = nvr.discoveryAddress().orElseThrow();
      assertTrue(at.getAddress().isLoopbackAddress());
      String id = "uuid:" + UUID.randomUUID();
      byte[] reply =
          exchange(
              at,
              probe(id, "<d:Probe><d:Types>dp0:NetworkVideoTransmitter</d:Types></d:Probe>"),
              Duration.ofSeconds(5));
      assertTrue(reply != null, "a ProbeMatches arrives");
      assertEquals(
          List.of(), OnvifSchemas.validate(reply), new String(reply, StandardCharsets.UTF_8));
      Document d = Soap.parse(reply);
      assertEquals(id, text(d, WSA, "RelatesTo"));
      assertEquals(D + "/ProbeMatches", text(d, WSA, "Action"));
      String epr = text(d, WSA, "Address");
      assertTrue(epr.startsWith("urn:uuid:"), epr);
      assertEquals(nvr.url().resolve("/onvif/device_service").toString(), text(d, D, "XAddrs"));
      List<String> scopes = List.of(text(d, D, "Scopes").split(" "));
      assertTrue(
          scopes.contains("onvif://www.onvif.org/hardware/" + nvr.identity().model()),
          scopes.toString());

      // the same EPR and scopes over SOAP
      FakeResponse ref =
          OnvifOverHttpTest.post(nvr, Soap.envelope(null, "<tds:GetEndpointReference/>"));
      assertEquals(epr, Soap.text(ref, Ns.TDS, "GUID"));
      FakeResponse sc =
          OnvifOverHttpTest.post(
              nvr,
              Soap.envelope(
                  Soap.wsse("admin", "Admin12345", nvr.clock().now()), "<tds:GetScopes/>"));
      assertEquals(scopes, Soap.texts(sc, Ns.TT, "ScopeItem"));

      // the Probe sample of onvif-schemas, and an empty probe (ROOTSOFT) also match
      byte[] sample =
          java.nio.file.Files.readAllBytes(OnvifSchemas.dirOrSkip().resolve("samples/Probe.xml"));
      assertTrue(
          exchange(at, new String(sample, StandardCharsets.UTF_8), Duration.ofSeconds(5)) != null);
      assertTrue(
          exchange(at, probe("uuid:" + UUID.randomUUID(), "<d:Probe/>"), Duration.ofSeconds(5))
              != null);
    }
  }

  @Test
  void theEndpointReferenceIsStableAcrossRestarts() throws Exception {
    String first;
    try (FakeNvr nvr = start(OnvifProfile.Discovery.OFF)) {
      assertTrue(nvr.discoveryAddress().isEmpty());
      first =
          Soap.text(
              OnvifOverHttpTest.post(nvr, Soap.envelope(null, "<tds:GetEndpointReference/>")),
              Ns.TDS,
              "GUID");
    }
    try (FakeNvr nvr = start(OnvifProfile.Discovery.OFF)) {
      assertEquals(
          first,
          Soap.text(
              OnvifOverHttpTest.post(nvr, Soap.envelope(null, "<tds:GetEndpointReference/>")),
              Ns.TDS,
              "GUID"));
    }
  }

  @Test
  void nonMatchingOrMalformedProbesGetSilenceAndTheResponderKeepsWorking() throws Exception {
    try (FakeNvr nvr = start(OnvifProfile.Discovery.UNICAST)) {
      InetSocketAddress at = nvr.discoveryAddress().orElseThrow();
      Duration quiet = Duration.ofMillis(300);
      assertNull(
          exchange(
              at,
              probe("uuid:1", "<d:Probe><d:Types>dp0:NetworkVideoDisplay</d:Types></d:Probe>"),
              quiet));
      assertNull(
          exchange(
              at,
              probe(
                  "uuid:2",
                  "<d:Probe><d:Scopes>onvif://www.onvif.org/hardware/NVR-16</d:Scopes></d:Probe>"),
              quiet),
          "path segments must match whole: hardware/NVR-16 is not hardware/NVR-1608");
      assertNull(exchange(at, "<<< not xml", quiet));
      assertNull(
          exchange(
              at, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", quiet));
      byte[] ok =
          exchange(
              at,
              probe(
                  "uuid:3",
                  "<d:Probe><d:Scopes>onvif://www.onvif.org/hardware onvif://www.onvif.org/name/NVR-1608</d:Scopes></d:Probe>"),
              Duration.ofSeconds(5));
      assertTrue(ok != null);
      byte[] fault =
          exchange(
              at,
              probe(
                  "uuid:4",
                  "<d:Probe><d:Scopes MatchBy=\"urn:example:rule\">x</d:Scopes></d:Probe>"),
              Duration.ofSeconds(5));
      assertTrue(new String(fault, StandardCharsets.UTF_8).contains("MatchingRuleNotSupported"));
    }
  }

  @Test
  void resolveByEndpointReference() throws Exception {
    try (FakeNvr nvr = start(OnvifProfile.Discovery.UNICAST)) {
      InetSocketAddress at = nvr.discoveryAddress().orElseThrow();
      String epr =
          Soap.text(
              OnvifOverHttpTest.post(nvr, Soap.envelope(null, "<tds:GetEndpointReference/>")),
              Ns.TDS,
              "GUID");
      String resolve =
          probe(
                  "uuid:5",
                  "<d:Resolve><a:EndpointReference><a:Address>"
                      + epr
                      + "</a:Address></a:EndpointReference></d:Resolve>")
              .replace("/discovery/Probe<", "/discovery/Resolve<");
      byte[] r = exchange(at, resolve, Duration.ofSeconds(5));
      assertEquals(List.of(), OnvifSchemas.validate(r));
      assertEquals(
          nvr.url().resolve("/onvif/device_service").toString(), text(Soap.parse(r), D, "XAddrs"));
      assertNull(
          exchange(
              at,
              resolve.replace(epr, "urn:uuid:00000000-0000-0000-0000-000000000000"),
              Duration.ofMillis(300)));
    }
  }

  @Test
  void theResponderClosesWithTheFake() throws Exception {
    InetSocketAddress at;
    try (FakeNvr nvr = start(OnvifProfile.Discovery.UNICAST)) {
      at = nvr.discoveryAddress().orElseThrow();
    }
    assertNull(exchange(at, probe("uuid:6", "<d:Probe/>"), Duration.ofMillis(300)));
  }

  @Test
  void multicastProbeOnTheLoopbackInterfaceWhereTheHostAllowsIt() throws Exception {
    OnvifPersonality p =
        new OnvifPersonality(
            new TestDevice(),
            OnvifSettings.of(
                OnvifProfile.builder()
                    .discovery(OnvifProfile.Discovery.MULTICAST)
                    .discoveryMaxDelay(Duration.ZERO)
                    .build()));
    p.started(URI.create("http://127.0.0.1:8080"));
    try {
      if (!p.discoveryMulticast()) {
        System.err.println(
            "WARNING: multicast on loopback is not available on this host; multicast discovery test SKIPPED");
        Assumptions.abort("no multicast on loopback");
      }
      NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
      try (MulticastSocket s =
          new MulticastSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        s.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
        s.setSoTimeout(5000);
        byte[] out =
            probe(
                    "uuid:" + UUID.randomUUID(),
                    "<d:Probe><d:Types>dp0:NetworkVideoTransmitter</d:Types></d:Probe>")
                .getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(out, out.length, WsDiscovery.GROUP));
        byte[] buf = new byte[65536];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        s.receive(in);
        String reply = new String(buf, 0, in.getLength(), StandardCharsets.UTF_8);
        assertTrue(reply.contains("ProbeMatches"), reply);
        assertFalse(in.getAddress().isMulticastAddress(), "the answer is unicast");
      }
    } finally {
      p.stopped();
    }
  }
}
