package io.nvrkit.hikvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** SADP over real UDP on loopback: a responder that answers like the captured camera. */
class HikvisionDiscoveryTest {
  static final String MATCH =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ProbeMatch><Uuid>%s</Uuid><Types>inquiry</Types>"
          + "<DeviceType>141945</DeviceType><DeviceDescription>DS-2CD2385G1-I</DeviceDescription>"
          + "<DeviceSN>DS-2CD2385G1-I20200414AAWRE33842150</DeviceSN><CommandPort>8000</CommandPort>"
          + "<HttpPort>80</HttpPort><MAC>58-50-ed-1f-e3-85</MAC><IPv4Address>192.168.1.64"
          + "</IPv4Address><SoftwareVersion>V5.6.2build 190701</SoftwareVersion>"
          + "<BootTime>1970-01-15 02:44:11</BootTime><Activated>flase</Activated>"
          + "<PasswordResetAbility>true</PasswordResetAbility></ProbeMatch>";

  @Test
  void unicastProbeFindsTheDeviceWithItsStartTime() throws Exception {
    CountDownLatch answered = new CountDownLatch(1);
    try (DatagramSocket responder = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                byte[] buf = new byte[2048];
                Pattern uuid = Pattern.compile("<Uuid>([^<]+)</Uuid>");
                try {
                  while (!responder.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    responder.receive(p);
                    String probe =
                        new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                    Matcher m = uuid.matcher(probe);
                    if (!m.find() || !probe.contains("<Types>inquiry</Types>")) {
                      continue;
                    }
                    // a foreign datagram first, then the real answer, twice (de-duplicated)
                    send(responder, p, "garbage");
                    send(responder, p, String.format(MATCH, m.group(1)));
                    send(responder, p, String.format(MATCH, m.group(1)));
                    answered.countDown();
                  }
                } catch (java.io.IOException closed) {
                  // test over
                }
              });
      t.setDaemon(true);
      t.start();
      List<SadpDevice> found =
          HikvisionDiscovery.probe(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), responder.getLocalPort()),
              Duration.ofMillis(1500));
      assertTrue(answered.await(5, TimeUnit.SECONDS));
      assertEquals(1, found.size());
      SadpDevice d = found.get(0);
      assertEquals("DS-2CD2385G1-I20200414AAWRE33842150", d.serial());
      assertEquals("DS-2CD2385G1-I", d.model());
      assertEquals(LocalDateTime.of(1970, 1, 15, 2, 44, 11), d.startTime());
      assertEquals(Boolean.FALSE, d.activated());
      assertEquals("58:50:ed:1f:e3:85", d.mac());
      assertEquals("V5.6.2", d.firmware());
    }
  }

  private static void send(DatagramSocket s, DatagramPacket to, String text)
      throws java.io.IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    s.send(new DatagramPacket(b, b.length, to.getSocketAddress()));
  }

  @Test
  void timeoutMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> HikvisionDiscovery.probe(Duration.ZERO));
  }
}
