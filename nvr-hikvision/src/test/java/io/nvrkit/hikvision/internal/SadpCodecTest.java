package io.nvrkit.hikvision.internal;

import static io.nvrkit.hikvision.internal.Bodies.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** SADP datagrams: the captured ProbeMatch, the minimal EZVIZ one, garbage. */
class SadpCodecTest {
  @Test
  void theCapturedProbeMatch() {
    SadpCodec.ProbeMatch m = SadpCodec.parse(utf8(String.format(Bodies.PROBE_MATCH, "ABC")));
    assertEquals("DS-2CD2385G1-I", m.model());
    assertEquals("DS-2CD2385G1-I20200414AAWRE33842150", m.serial());
    assertEquals("58:50:ed:1f:e3:85", m.mac());
    assertEquals("V5.6.2", m.firmware());
    assertEquals("2019-07-01", m.firmwareBuild());
    assertEquals(LocalDateTime.of(1970, 1, 15, 2, 44, 11), m.bootTime());
    assertEquals(Boolean.TRUE, m.activated());
    assertEquals("192.168.1.64", m.ipv4());
    assertEquals(80, m.httpPort());
    assertEquals("ABC", m.uuid());
  }

  @Test
  void theMinimalEzvizProbeMatch() {
    String s =
        "<ProbeMatch><Types>inquiry</Types><Uuid>U</Uuid><DeviceDescription>CS-C6N</DeviceDescription>"
            + "<DeviceSN>C6N123456789</DeviceSN><CommandPort>8000</CommandPort>"
            + "<MAC>aa-bb-cc-dd-ee-ff</MAC><IPv4Address>10.0.0.9</IPv4Address>"
            + "<SoftwareVersion>V5.2.7 build 191030</SoftwareVersion></ProbeMatch>";
    SadpCodec.ProbeMatch m = SadpCodec.parse(utf8(s));
    assertEquals("C6N123456789", m.serial());
    assertNull(m.bootTime());
    assertNull(m.activated());
    assertEquals("2019-10-30", m.firmwareBuild());
  }

  @Test
  void probesAndForeignDatagramsAreIgnored() {
    assertNull(SadpCodec.parse(SadpCodec.probe("X")));
    assertNull(SadpCodec.parse("M-SEARCH * HTTP/1.1".getBytes(StandardCharsets.US_ASCII)));
    assertNull(SadpCodec.parse(utf8("<ProbeMatch><Uuid>x</Uuid></ProbeMatch>")));
    assertNull(SadpCodec.parse(new byte[SadpCodec.MAX_DATAGRAM + 1]));
  }

  @Test
  void probeIsTheDocumentedInquiry() {
    String p = new String(SadpCodec.probe("ID-1"), StandardCharsets.UTF_8);
    assertTrue(p.contains("<Probe><Uuid>ID-1</Uuid><Types>inquiry</Types></Probe>"));
  }
}
