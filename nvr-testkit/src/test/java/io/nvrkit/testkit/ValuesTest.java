package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void dahuaRulesAtTheirBoundaries() {
    DevicePasswordRules r = DevicePasswordRules.dahua();
    assertTrue(r.accepts("abcdefg1"));
    assertFalse(r.accepts("abcdef1"), "7 characters");
    assertTrue(r.accepts("a1" + "b".repeat(30)));
    assertFalse(r.accepts("a1" + "b".repeat(31)), "33 characters");
    assertFalse(r.accepts("abcdefgh"), "one class");
    assertTrue(r.accepts("abcdefg!"));
    for (char c : "'\";:&".toCharArray()) {
      assertFalse(r.accepts("Abcdefg1" + c), "forbidden " + c);
    }
    assertTrue(r.accepts("Abcdefg1+#%=/,"));
  }

  @Test
  void lockoutProfilesAndValidation() {
    assertEquals(new Lockout(true, 5, Duration.ofSeconds(300)), Lockout.dahuaDefault());
    assertEquals(new Lockout(true, 3, Duration.ofSeconds(1800)), Lockout.legacyLorex());
    assertThrows(IllegalArgumentException.class, () -> Lockout.after(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> Lockout.after(3, Duration.ZERO));
  }

  @Test
  void fixedClockMovesOnlyWhenToldAndKnowsTheEndOfTheDeviceDayAcrossDst() {
    // 2026-03-08 is the day Toronto springs forward: 23 hours long
    FakeClock c =
        FakeClock.fixed(Instant.parse("2026-03-08T05:30:00Z"), ZoneId.of("America/Toronto"));
    assertEquals(LocalDateTime.parse("2026-03-08T00:30:00"), c.localDateTime());
    assertEquals(Instant.parse("2026-03-09T03:59:59Z"), c.endOfDay());
    c.advance(Duration.ofHours(2));
    assertEquals(LocalDateTime.parse("2026-03-08T03:30:00"), c.localDateTime());
    c.setZone(ZoneId.of("Asia/Kolkata"));
    assertEquals(LocalDateTime.parse("2026-03-08T13:00:00"), c.localDateTime());
    c.setLocal(LocalDateTime.parse("2027-01-01T00:00:00"));
    assertEquals(Instant.parse("2026-12-31T18:30:00Z"), c.now());
    c.reset();
    assertEquals(Instant.parse("2026-03-08T05:30:00Z"), c.now());
    assertEquals(ZoneId.of("America/Toronto"), c.zone());
  }

  @Test
  void tickingClockKeepsItsSkewAndAdvances() {
    FakeClock c = FakeClock.ticking(Duration.ofDays(365), ZoneId.of("UTC"));
    assertTrue(c.isTicking());
    assertTrue(c.now().isAfter(Instant.now().plus(Duration.ofDays(364))));
    c.advance(Duration.ofDays(365));
    assertTrue(c.now().isAfter(Instant.now().plus(Duration.ofDays(729))));
  }

  @Test
  void identityRefusesADeviceIdEqualToTheSerialAndNormalisesTheMac() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FakeIdentity.builder().serial("X1").deviceId("X1").build());
    assertEquals(
        "aa:bb:cc:dd:ee:ff", FakeIdentity.builder().mac("AA-BB-CC-DD-EE-FF").build().mac());
    assertThrows(IllegalArgumentException.class, () -> FakeIdentity.builder().model("a\r\nb"));
  }

  @Test
  void concurrentWrongLoginsAreCountedExactlyOnce() throws Exception {
    FakeClock clock = FakeClock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC"));
    try (FakeNvr nvr =
        FakeNvr.lorex()
            .user("admin", "Right-Passw0rd", AccountLevel.ADMINISTRATOR)
            .lockout(Lockout.after(50, Duration.ofMinutes(5)))
            .clock(clock)
            .start()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          fs.add(
              pool.submit(
                  () ->
                      RawHttp.digestGet(
                              nvr.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", "admin", "no")
                          .status()));
        }
        for (Future<Integer> f : fs) {
          assertEquals(401, f.get());
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(40, nvr.failedAttempts("admin"));
      assertFalse(nvr.isLocked("admin"));
    }
  }
}
