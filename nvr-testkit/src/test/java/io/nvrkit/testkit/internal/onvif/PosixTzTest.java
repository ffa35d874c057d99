package io.nvrkit.testkit.internal.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PosixTzTest {
  private static String tz(String zone) {
    return PosixTz.of(ZoneId.of(zone), Instant.parse("2026-11-25T00:00:00Z"));
  }

  @Test
  void zonesAreWrittenAsPosixTzWithWestPositiveOffsets() {
    assertEquals("EST5EDT,M3.2.0,M11.1.0", tz("America/Toronto"));
    assertEquals("CET-1CEST,M3.5.0,M10.5.0/3", tz("Europe/Paris"));
    assertEquals("CHAST-12:45CHADT,M9.5.0/2:45,M4.1.0/3:45", tz("Pacific/Chatham"));
    assertEquals("UTC0", tz("UTC"));
    assertEquals("IST-5:30", tz("Asia/Kolkata"));
    assertEquals("CST-8", tz("Asia/Shanghai"));
    assertEquals("NPT-5:45", tz("Asia/Kathmandu"));
    assertEquals("<+0545>-5:45", tz("+05:45"));
    assertEquals("<-0330>3:30", tz("-03:30"));
  }
}
