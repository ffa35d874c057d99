package io.nvrkit.hikvision.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The device's POSIX zone against the IANA zones it stands for (research note §1.3). */
class PosixTzTest {
  @Test
  void signIsInverted() {
    assertEquals(ZoneOffset.ofHours(8), PosixTz.parse("CST-8:00:00").standardOffset());
    assertEquals(ZoneOffset.ofHours(-5), PosixTz.parse("CST+5:00:00").standardOffset());
    assertEquals(ZoneOffset.ofHoursMinutes(5, 30), PosixTz.parse("CST-5:30:00").standardOffset());
    assertFalse(PosixTz.parse("CST-8:00:00").hasDst());
  }

  @ParameterizedTest
  @CsvSource({
    "'CST+5:00:00DST01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00', America/New_York",
    "'CST-1:00:00DST01:00:00,M3.5.0/02:00:00,M10.5.0/03:00:00', Europe/Madrid",
    "'CST-10:00:00DST01:00:00,M10.1.0/02:00:00,M4.1.0/03:00:00', Australia/Sydney",
  })
  void dstRulesMatchTheIanaZoneAllYear(String posix, String iana) {
    PosixTz tz = PosixTz.parse(posix);
    assertTrue(tz.hasDst());
    ZoneId z = ZoneId.of(iana);
    // every 6 hours through 2026: same offset as the IANA zone, away from the switch hours
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    while (t.isBefore(Instant.parse("2027-01-01T00:00:00Z"))) {
      assertEquals(z.getRules().getOffset(t), tz.offsetAt(t), posix + " at " + t);
      t = t.plusSeconds(6 * 3600);
    }
  }

  @Test
  void chileRuleWithEndOfDayTimes() {
    // start on the first Saturday of September at 24:00, end on the first Saturday of April
    PosixTz tz = PosixTz.parse("CST+4:00:00DST01:00:00,M9.1.6/24:00:00,M4.1.6/24:00:00");
    assertEquals(ZoneOffset.ofHours(-3), tz.offsetAt(Instant.parse("2026-01-15T12:00:00Z")));
    assertEquals(ZoneOffset.ofHours(-4), tz.offsetAt(Instant.parse("2026-07-15T12:00:00Z")));
  }

  @Test
  void displayedTimeFollowsTheRules() {
    PosixTz tz = PosixTz.parse("CST+5:00:00DST01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00");
    assertEquals(
        "2026-07-01T08:10:11", tz.displayed(Instant.parse("2026-07-01T12:10:11Z")).toString());
  }

  @Test
  void garbageIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PosixTz.parse("Europe/Berlin"));
    assertThrows(IllegalArgumentException.class, () -> PosixTz.parse("CST-99:00:00"));
    assertThrows(
        IllegalArgumentException.class, () -> PosixTz.parse("CST+5DST,M13.2.0/02,M11.1.0/02"));
  }
}
