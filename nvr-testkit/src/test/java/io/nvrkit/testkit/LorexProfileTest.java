package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LorexProfileTest {
  static final String PW = "Old-Passw0rd";
  static final String SERIAL = "/cgi-bin/magicBox.cgi?action=getSerialNo";

  static String basic(String user, String pw) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
  }

  FakeNvr.Builder base(LorexProfile.CgiAuth auth) {
    return FakeNvr.lorex()
        .user("admin", PW, AccountLevel.ADMINISTRATOR)
        .lorexProfile(LorexProfile.builder().cgiAuth(auth).build());
  }

  @Test
  void basicOnlyFirmwareChallengesWithDeviceCgiRealm() throws Exception {
    try (FakeNvr n = base(LorexProfile.CgiAuth.BASIC_ONLY).start()) {
      RawHttp.Response r = RawHttp.get(n.port(), SERIAL, null);
      assertEquals(401, r.status());
      assertEquals("Basic realm=\"Device_CGI\"", r.header("WWW-Authenticate"));
      assertEquals(200, RawHttp.get(n.port(), SERIAL, basic("admin", PW)).status());
      assertEquals(401, RawHttp.get(n.port(), SERIAL, basic("admin", "nope")).status());
      assertEquals(1, n.failedAttempts("admin"));
    }
  }

  @Test
  void digestOnlyFirmwareIgnoresBasicWithoutCountingIt() throws Exception {
    try (FakeNvr n = base(LorexProfile.CgiAuth.DIGEST).start()) {
      RawHttp.Response r = RawHttp.get(n.port(), SERIAL, basic("admin", "nope"));
      assertEquals(401, r.status());
      assertTrue(r.header("WWW-Authenticate").startsWith("Digest "));
      assertEquals(0, n.failedAttempts("admin"));
    }
  }

  @Test
  void firmwareAcceptingBasicCountsItsFailuresToo() throws Exception {
    try (FakeNvr n = base(LorexProfile.CgiAuth.DIGEST_OR_BASIC).start()) {
      assertEquals(401, RawHttp.get(n.port(), SERIAL, basic("admin", "nope")).status());
      assertEquals(1, n.failedAttempts("admin"));
      assertEquals(200, RawHttp.get(n.port(), SERIAL, basic("admin", PW)).status());
      assertEquals(200, RawHttp.digestGet(n.port(), SERIAL, "admin", PW).status());
    }
  }

  @Test
  void audioCgiRebootsALorexForAHundredAndFiveSecondsOfDeviceTime() throws Exception {
    FakeClock clock = FakeClock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneId.of("UTC"));
    try (FakeNvr n =
        FakeNvr.lorex()
            .clock(clock)
            .lorexProfile(LorexProfile.builder().audioCgiReboots(true).build())
            .start()) {
      assertThrows(IOException.class, () -> RawHttp.get(n.port(), "/cgi-bin/audio.cgi", null));
      assertThrows(IOException.class, () -> RawHttp.get(n.port(), SERIAL, null));
      clock.advance(Duration.ofSeconds(105));
      assertEquals(401, RawHttp.get(n.port(), SERIAL, null).status());
    }
    try (FakeNvr normal = FakeNvr.lorex().start()) {
      assertEquals(401, RawHttp.get(normal.port(), "/cgi-bin/audio.cgi", null).status());
    }
  }

  @Test
  void modifyPasswordByManagerAcceptsEitherParameterName() throws Exception {
    try (FakeNvr n =
        FakeNvr.lorex()
            .user("admin", PW, AccountLevel.ADMINISTRATOR)
            .user("cam", "Cam-Passw0rd", AccountLevel.USER)
            .start()) {
      String t =
          "/cgi-bin/userManager.cgi?action=modifyPasswordByManager&userName=cam&pwd=Next-Passw0rd"
              + "&managerName=admin&managerPwd="
              + PW;
      assertEquals("OK\r\n", RawHttp.digestGet(n.port(), t, "admin", PW).text());
      assertTrue(n.accepts("cam", Secret.of("Next-Passw0rd")));
      String wrong =
          "/cgi-bin/userManager.cgi?action=modifyPasswordByManager&name=cam&pwd=Other-Passw0rd"
              + "&managerName=admin&managerPwd=bad";
      assertEquals(400, RawHttp.digestGet(n.port(), wrong, "admin", PW).status());
    }
  }

  @Test
  void setConfigChangesTheLockoutSettings() throws Exception {
    try (FakeNvr n = FakeNvr.lorex().user("admin", PW, AccountLevel.ADMINISTRATOR).start()) {
      assertEquals(
          "OK\r\n",
          RawHttp.digestGet(
                  n.port(),
                  "/cgi-bin/configManager.cgi?action=setConfig&General.LockLoginTimes=2",
                  "admin",
                  PW)
              .text());
      RawHttp.digestGet(n.port(), SERIAL, "admin", "x1");
      RawHttp.digestGet(n.port(), SERIAL, "admin", "x2");
      assertTrue(n.isLocked("admin"));
    }
  }
}
