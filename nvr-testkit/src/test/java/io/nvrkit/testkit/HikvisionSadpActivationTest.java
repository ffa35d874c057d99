package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** SADP discovery and activation of the Hikvision personality, over UDP and raw HTTP. */
class HikvisionSadpActivationTest {
  static final Instant T0 = Instant.parse("2026-07-01T00:10:11Z");

  FakeNvr nvr;

  @AfterEach
  void close() {
    if (nvr != null) {
      nvr.close();
    }
  }

  static String probe(String uuid) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Probe><Uuid>"
        + uuid
        + "</Uuid><Types>inquiry</Types></Probe>";
  }

  static String exchange(InetSocketAddress to, String... datagrams) throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      s.setSoTimeout(10_000);
      for (String d : datagrams) {
        byte[] b = d.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
      }
      DatagramPacket p = new DatagramPacket(new byte[8192], 8192);
      s.receive(p);
      return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aSadpProbeIsAnsweredWithSerialModelMacFirmwareActivationAndStartTime() throws Exception {
    nvr =
        FakeNvr.hikvision()
            .clock(FakeClock.fixed(T0, ZoneId.of("Europe/Madrid")))
            .hikvisionProfile(HikvisionProfile.builder().uptime(Duration.ofHours(2)).build())
            .start();
    InetSocketAddress at = nvr.discoveryAddress().orElseThrow();
    // malformed, a DTD and another type get silence: the only answer is to the last probe
    String m =
        exchange(
            at,
            "<Probe><Uuid>x",
            "<!DOCTYPE a [<!ENTITY b \"c\">]><Probe><Uuid>&b;</Uuid><Types>inquiry</Types></Probe>",
            "<Probe><Uuid>OTHER</Uuid><Types>update</Types></Probe>",
            probe("5A0F1C21-9D1B-4F5E-8E3C-0A1B2C3D4E5F"));
    assertTrue(m.contains("<ProbeMatch>"), m);
    assertTrue(m.contains("<Uuid>5A0F1C21-9D1B-4F5E-8E3C-0A1B2C3D4E5F</Uuid>"), m);
    assertTrue(m.contains("<DeviceSN>" + nvr.identity().serial() + "</DeviceSN>"), m);
    assertTrue(m.contains("<DeviceDescription>DS-7608NI-K2/8P</DeviceDescription>"), m);
    assertTrue(m.contains("<MAC>c4-2f-90-e1-a2-b3</MAC>"), m);
    assertTrue(m.contains("<SoftwareVersion>V4.62.210build 210813</SoftwareVersion>"), m);
    assertTrue(m.contains("<Activated>true</Activated>"), m);
    assertTrue(m.contains("<HttpPort>" + nvr.port() + "</HttpPort>"), m);
    // 00:10:11Z is 02:10:11 in Madrid (CEST); two hours of uptime
    assertTrue(m.contains("<BootTime>2026-07-01 00:10:11</BootTime>"), m);
    assertEquals("2026-07-01T00:10:11", nvr.hikvisionStartTime().orElseThrow().toString());
  }

  @Test
  void aMulticastProbeOnLoopbackIsAnsweredByUnicastFromTheFake() throws Exception {
    nvr = FakeNvr.hikvision().start();
    if (!nvr.discoveryMulticast()) {
      System.err.println(
          "WARNING: multicast on loopback is not available on this host; SADP multicast test"
              + " SKIPPED");
    }
    Assumptions.assumeTrue(nvr.discoveryMulticast(), "no multicast on loopback");
    String uuid = "0D7E5C1A-2B3C-4D5E-8F90-A1B2C3D4E5F6";
    byte[] out = probe(uuid).getBytes(StandardCharsets.UTF_8);
    try (MulticastSocket s = new MulticastSocket(new InetSocketAddress("127.0.0.1", 0))) {
      s.setNetworkInterface(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
      s.setSoTimeout(10_000);
      s.send(new DatagramPacket(out, out.length, new InetSocketAddress("239.255.255.250", 37020)));
      // other fakes on this machine may answer too: wait for this one's (its HTTP port)
      while (true) {
        DatagramPacket p = new DatagramPacket(new byte[8192], 8192);
        s.receive(p);
        String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        if (m.contains("<HttpPort>" + nvr.port() + "</HttpPort>")) {
          assertTrue(m.contains("<Uuid>" + uuid + "</Uuid>"), m);
          assertTrue(m.contains("<DeviceSN>" + nvr.identity().serial() + "</DeviceSN>"), m);
          assertFalse(p.getAddress().isMulticastAddress(), "the answer is unicast");
          assertEquals(nvr.discoveryAddress().orElseThrow().getPort(), p.getPort());
          return;
        }
      }
    }
  }

  @Test
  void withoutMulticastTheFakeAnswersOnlyOnItsOwnPort() throws Exception {
    nvr =
        FakeNvr.hikvision()
            .hikvisionProfile(HikvisionProfile.builder().sadpMulticast(false).build())
            .start();
    String m = exchange(nvr.discoveryAddress().orElseThrow(), probe("1"));
    assertTrue(m.contains("<DeviceSN>" + nvr.identity().serial() + "</DeviceSN>"), m);
  }

  @Test
  void aNewDeviceIsInactiveUntilActivatedWithAStrongPassword() throws Exception {
    nvr =
        FakeNvr.hikvision()
            .hikvisionProfile(HikvisionProfile.builder().activated(false).sadp(false).build())
            .start();
    assertTrue(nvr.discoveryAddress().isEmpty());
    String status = RawHttp.get(nvr.port(), "/SDK/activateStatus", null).text();
    assertTrue(status.contains("<Activated>false</Activated>"), status);
    RawHttp.Response refused =
        RawHttp.get(
            nvr.port(),
            "/ISAPI/Security/userCheck",
            RawHttp.digest(
                RawHttp.challenge(
                    RawHttp.get(nvr.port(), "/ISAPI/Security/userCheck", null)
                        .header("WWW-Authenticate")),
                "admin",
                FakeNvr.DEFAULT_ADMIN_PASSWORD,
                "GET",
                "/ISAPI/Security/userCheck",
                "00000001"));
    assertEquals(401, refused.status(), "nothing but activation works on an inactive device");

    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    String key = Base64.getEncoder().encodeToString(kp.getPublic().getEncoded());
    RawHttp.Response ch =
        RawHttp.send(
            nvr.port(),
            "POST",
            "/ISAPI/Security/challenge",
            null,
            "application/xml",
            "<PublicKey><key>" + key + "</key></PublicKey>");
    assertEquals(200, ch.status(), ch.text());
    String enc = HikvisionIsapiTest.el(ch.text(), "key");
    Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    rsa.init(Cipher.DECRYPT_MODE, kp.getPrivate());
    byte[] aesKey = rsa.doFinal(Base64.getDecoder().decode(enc));

    assertEquals(400, activate(aesKey, "12345678").status(), "a risky password is refused");
    RawHttp.Response ok = activate(aesKey, "First-Admin1");
    assertEquals(200, ok.status(), ok.text());
    assertTrue(nvr.accepts("admin", Secret.of("First-Admin1")));
    assertTrue(
        RawHttp.get(nvr.port(), "/SDK/activateStatus", null)
            .text()
            .contains("<Activated>true</Activated>"));
    assertEquals(
        200,
        new HikvisionIsapiTest.Session(nvr.port(), "admin", "First-Admin1")
            .get("/ISAPI/Security/userCheck")
            .status());
    assertEquals(403, activate(aesKey, "Second-Admin1").status(), "activation happens once");
  }

  private RawHttp.Response activate(byte[] aesKey, String password) throws Exception {
    Cipher aes = Cipher.getInstance("AES/ECB/PKCS5Padding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
    String p =
        Base64.getEncoder().encodeToString(aes.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    return RawHttp.send(
        nvr.port(),
        "PUT",
        "/ISAPI/System/activate",
        null,
        "application/xml",
        "<ActivateInfo><password>" + p + "</password></ActivateInfo>");
  }
}
