package io.nvrkit.testkit;

import static io.nvrkit.testkit.RawHttp.challenge;
import static io.nvrkit.testkit.RawHttp.digest;
import static io.nvrkit.testkit.RawHttp.digestGet;
import static io.nvrkit.testkit.RawHttp.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LorexCgiTest {
  static final String PW = "Old-Passw0rd";
  FakeClock clock;
  FakeNvr nvr;

  @BeforeEach
  void start() {
    // 2026-01-05 09:03:07 in Toronto
    clock = FakeClock.fixed(Instant.parse("2026-01-05T14:03:07Z"), ZoneId.of("America/Toronto"));
    nvr =
        FakeNvr.lorex()
            .user("admin", PW, AccountLevel.ADMINISTRATOR)
            .user("viewer", "Viewer-123", AccountLevel.USER)
            .clock(clock)
            .start();
  }

  @AfterEach
  void stop() {
    nvr.close();
  }

  private RawHttp.Response admin(String target) throws Exception {
    return digestGet(nvr.port(), target, "admin", PW);
  }

  @Test
  void unauthenticatedRequestGetsDigestChallengeWithSerialRealmAndFirmwareHeaders()
      throws Exception {
    RawHttp.Response r = get(nvr.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", null);
    assertEquals(401, r.status());
    String ch = r.header("WWW-Authenticate");
    assertTrue(
        ch.matches(
            "Digest realm=\"Login to ND021811019863\",qop=\"auth\",nonce=\"[0-9]+\","
                + "opaque=\"[0-9a-f]{40}\""),
        ch);
    assertNull(r.header("Server"));
    assertTrue(r.head().contains("\r\nCONNECTION: close\r\n"), r.head());
    assertEquals("1;mode=block", r.header("X-XSS-Protection"));
    assertEquals("SAMEORIGIN", r.header("X-Frame-Options"));
    assertEquals("max-age=604800; includeSubDomains", r.header("Strict-Transport-Security"));
    assertFalse(r.text().contains("ND0218"), "nothing is served before authentication");
  }

  @Test
  void identityEndpointsAnswerExactKeyValueLinesWithCrlf() throws Exception {
    assertEquals("sn=ND021811019863\r\n", admin("/cgi-bin/magicBox.cgi?action=getSerialNo").text());
    assertEquals("type=N841A8\r\n", admin("/cgi-bin/magicBox.cgi?action=getDeviceType").text());
    assertEquals(
        "version=3.216.00LR035.0,build:2023-05-10\r\n",
        admin("/cgi-bin/magicBox.cgi?action=getSoftwareVersion").text());
    assertEquals(
        "version=1.00\r\n", admin("/cgi-bin/magicBox.cgi?action=getHardwareVersion").text());
    assertEquals("name=NVR\r\n", admin("/cgi-bin/magicBox.cgi?action=getMachineName").text());
    assertEquals("vendor=Lorex\r\n", admin("/cgi-bin/magicBox.cgi?action=getVendor").text());
    RawHttp.Response sys = admin("/cgi-bin/magicBox.cgi?action=getSystemInfo");
    assertTrue(sys.text().startsWith("appAutoStart=true\r\ndeviceType=N841A8\r\n"), sys.text());
    assertTrue(sys.text().contains("\r\nserialNumber=ND021811019863\r\n"));
    assertTrue(sys.text().endsWith("\r\n"));
    RawHttp.Response r = admin("/cgi-bin/magicBox.cgi?action=getSerialNo");
    assertEquals("text/plain;charset=utf-8", r.header("Content-Type"));
    assertEquals(String.valueOf(r.body().length), r.header("CONTENT-LENGTH"));
    assertTrue(r.head().contains("\r\nCONTENT-LENGTH: 19"), r.head());
    assertTrue(r.head().contains("\r\nContent-type: text/plain;charset=utf-8\r\n"), r.head());
  }

  @Test
  void generalConfigCarriesLockoutSettingsAndNetworkTheLowerCaseMac() throws Exception {
    assertEquals(
        "table.General.MachineName=NVR\r\n"
            + "table.General.LocalNo=8\r\n"
            + "table.General.MachineAddress=\r\n"
            + "table.General.LockLoginEnable=true\r\n"
            + "table.General.LockLoginTimes=5\r\n"
            + "table.General.LoginFailLockTime=300\r\n",
        admin("/cgi-bin/configManager.cgi?action=getConfig&name=General").text());
    assertTrue(
        admin("/cgi-bin/configManager.cgi?action=getConfig&name=Network")
            .text()
            .contains("\r\ntable.Network.eth0.PhysicalAddress=3c:ef:8c:61:01:c0\r\n"));
    assertEquals(
        "Error: Error -1 getting param in name=Lighting\r\n",
        admin("/cgi-bin/configManager.cgi?action=getConfig&name=Lighting").text());
  }

  @Test
  void currentTimeIsLocalWallTimeWithNonPaddedDateAndFollowsTheClock() throws Exception {
    assertEquals(
        "result=2026-1-5 09:03:07\r\n", admin("/cgi-bin/global.cgi?action=getCurrentTime").text());
    clock.advance(Duration.ofDays(300));
    assertEquals(
        "result=2026-11-1 09:03:07\r\n", admin("/cgi-bin/global.cgi?action=getCurrentTime").text());
    assertEquals(
        "OK\r\n",
        admin("/cgi-bin/global.cgi?action=setCurrentTime&time=2027-2-3%204:05:06").text());
    assertEquals(
        "result=2027-2-3 04:05:06\r\n", admin("/cgi-bin/global.cgi?action=getCurrentTime").text());
  }

  @Test
  void paddedTimeProfile() throws Exception {
    try (FakeNvr padded =
        FakeNvr.lorex()
            .clock(clock)
            .lorexProfile(LorexProfile.builder().paddedTime(true).build())
            .start()) {
      assertEquals(
          "result=2026-01-05 09:03:07\r\n",
          digestGet(
                  padded.port(),
                  "/cgi-bin/global.cgi?action=getCurrentTime",
                  FakeNvr.DEFAULT_ADMIN,
                  FakeNvr.DEFAULT_ADMIN_PASSWORD)
              .text());
    }
  }

  @Test
  void unknownActionAndMissingEndpointStyles() throws Exception {
    RawHttp.Response r = admin("/cgi-bin/magicBox.cgi?action=getNothing");
    assertEquals(400, r.status());
    assertEquals("Error\r\nBad Request!\r\n", r.text());
    for (Object[] c :
        new Object[][] {
          {LorexProfile.MissingEndpoint.NOT_IMPLEMENTED_501, 501, "Error\r\nNot Implemented!"},
          {LorexProfile.MissingEndpoint.ERROR_200, 200, "Error\r\nBad Request!\r\n"},
          {
            LorexProfile.MissingEndpoint.INVALID_SESSION_200,
            200,
            "{\"error\":{\"code\":287637505,\"message\":\"Invalid session in request data!\"},"
                + "\"result\":false}"
          }
        }) {
      try (FakeNvr n =
          FakeNvr.lorex()
              .lorexProfile(
                  LorexProfile.builder()
                      .missingEndpoint((LorexProfile.MissingEndpoint) c[0])
                      .unsupported("getCurrentTime")
                      .build())
              .start()) {
        RawHttp.Response m =
            digestGet(
                n.port(),
                "/cgi-bin/global.cgi?action=getCurrentTime",
                FakeNvr.DEFAULT_ADMIN,
                FakeNvr.DEFAULT_ADMIN_PASSWORD);
        assertEquals(c[1], m.status(), c[0].toString());
        assertEquals(c[2], m.text());
      }
    }
  }

  @Test
  void nonceIsSingleUseButReuseWithTheRightPasswordIsNotCounted() throws Exception {
    String t = "/cgi-bin/magicBox.cgi?action=getSerialNo";
    Map<String, String> ch = challenge(get(nvr.port(), t, null).header("WWW-Authenticate"));
    assertEquals(200, get(nvr.port(), t, digest(ch, "admin", PW, "GET", t, "00000001")).status());
    RawHttp.Response again = get(nvr.port(), t, digest(ch, "admin", PW, "GET", t, "00000002"));
    assertEquals(401, again.status());
    assertNotEquals(ch.get("nonce"), challenge(again.header("WWW-Authenticate")).get("nonce"));
    assertEquals(0, nvr.failedAttempts("admin"));
  }

  @Test
  void digestUriMustIncludeTheQuery() throws Exception {
    String t = "/cgi-bin/magicBox.cgi?action=getSerialNo";
    Map<String, String> ch = challenge(get(nvr.port(), t, null).header("WWW-Authenticate"));
    String noQuery = digest(ch, "admin", PW, "GET", "/cgi-bin/magicBox.cgi", "00000001");
    assertEquals(401, get(nvr.port(), t, noQuery).status());
  }

  @Test
  void quotedOrUnquotedQopNcAlgorithmAreAccepted() throws Exception {
    String t = "/cgi-bin/magicBox.cgi?action=getSerialNo";
    Map<String, String> ch = challenge(get(nvr.port(), t, null).header("WWW-Authenticate"));
    String quoted =
        digest(ch, "admin", PW, "GET", t, "00000001")
            .replace("algorithm=MD5", "algorithm=\"MD5\"")
            .replace("qop=auth", "qop=\"auth\"")
            .replace("nc=00000001", "nc=\"00000001\"");
    assertEquals(200, get(nvr.port(), t, quoted).status());
  }

  @Test
  void wrongPasswordsLockTheAccountUntilTheClockPassesTheLockTime() throws Exception {
    String t = "/cgi-bin/magicBox.cgi?action=getSerialNo";
    for (int i = 1; i <= 5; i++) {
      assertEquals(401, digestGet(nvr.port(), t, "admin", "wrong-" + i).status());
      assertEquals(i < 5 ? i : 5, nvr.failedAttempts("admin"));
    }
    assertTrue(nvr.isLocked("admin"));
    RawHttp.Response locked = admin(t);
    assertEquals(401, locked.status(), "the right password is refused while locked");
    clock.advance(Duration.ofSeconds(299));
    assertTrue(nvr.isLocked("admin"));
    clock.advance(Duration.ofSeconds(2));
    assertFalse(nvr.isLocked("admin"));
    assertEquals(200, admin(t).status());
    assertEquals(0, nvr.failedAttempts("admin"));
  }

  @Test
  void legacyLorexProfileLocksAfterThreeForThirtyMinutes() throws Exception {
    try (FakeNvr legacy =
        FakeNvr.lorex()
            .user("admin", PW, AccountLevel.ADMINISTRATOR)
            .lockout(Lockout.legacyLorex())
            .clock(clock)
            .start()) {
      String t = "/cgi-bin/configManager.cgi?action=getConfig&name=General";
      for (int i = 0; i < 3; i++) {
        digestGet(legacy.port(), t, "admin", "nope" + i);
      }
      assertTrue(legacy.isLocked("admin"));
      assertEquals(Duration.ofSeconds(1800), legacy.remainingLock("admin"));
      clock.advance(Duration.ofMinutes(30).plusSeconds(1));
      RawHttp.Response r = digestGet(legacy.port(), t, "admin", PW);
      assertTrue(r.text().contains("LockLoginTimes=3\r\n"), r.text());
      assertTrue(r.text().contains("LoginFailLockTime=1800\r\n"));
    }
  }

  @Test
  void modifyPasswordChecksOldPasswordAndFirmwareRules() throws Exception {
    String base = "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin";
    assertEquals(400, admin(base + "&pwd=New-Passw0rd&pwdOld=not-it").status());
    assertEquals(400, admin(base + "&pwd=short1&pwdOld=" + PW).status());
    assertEquals(400, admin(base + "&pwd=alllowercase&pwdOld=" + PW).status());
    assertEquals(400, admin(base + "&pwd=Semi%3Bcolon1&pwdOld=" + PW).status());
    assertEquals(400, admin(base + "&pwd=" + "Aa1".repeat(11) + "&pwdOld=" + PW).status());
    assertTrue(nvr.accepts("admin", Secret.of(PW)));
    RawHttp.Response ok = admin(base + "&pwd=New-Passw0rd&pwdOld=" + PW);
    assertEquals("OK\r\n", ok.text());
    assertTrue(nvr.accepts("admin", Secret.of("New-Passw0rd")));
    assertFalse(nvr.accepts("admin", Secret.of(PW)));
  }

  @Test
  void queryIsPercentDecodedBeforeSplittingSoUnencodedPasswordsBreakVisibly() throws Exception {
    String base = "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwdOld=" + PW;
    // Encoded properly: '+' and '#' survive.
    assertEquals("OK\r\n", admin(base + "&pwd=N3w%2BPa%23ss").text());
    assertTrue(nvr.accepts("admin", Secret.of("N3w+Pa#ss")));
    // A raw '+' arrives as a space.
    String b2 = "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwdOld=N3w%2BPa%23ss";
    assertEquals(
        "OK\r\n", digestGet(nvr.port(), b2 + "&pwd=Sp+ace123", "admin", "N3w+Pa#ss").text());
    assertTrue(nvr.accepts("admin", Secret.of("Sp ace123")));
    // Even %26 splits the value: 'Amp' is all that is left, too short: rejected.
    String b3 = "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwdOld=Sp%20ace123";
    assertEquals(
        400, digestGet(nvr.port(), b3 + "&pwd=Amp%26ersand123", "admin", "Sp ace123").status());
    assertTrue(nvr.accepts("admin", Secret.of("Sp ace123")));
    // A broken percent escape is a bad request.
    assertEquals(
        400, digestGet(nvr.port(), b3 + "&pwd=Bad%zzEscape1", "admin", "Sp ace123").status());
  }

  @Test
  void temporaryPasswordLogsInAndIsTheOldPasswordUntilEndOfDeviceDay() throws Exception {
    Instant until = nvr.installTemporaryPassword(Secret.of("Tmp-4412-xy"));
    assertEquals(Instant.parse("2026-01-06T04:59:59Z"), until);
    String t = "/cgi-bin/magicBox.cgi?action=getSerialNo";
    assertEquals(200, digestGet(nvr.port(), t, "admin", "Tmp-4412-xy").status());
    assertEquals(401, digestGet(nvr.port(), t, "viewer", "Tmp-4412-xy").status());
    String change =
        "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=Fresh-Passw0rd&pwdOld=Tmp-4412-xy";
    assertEquals("OK\r\n", digestGet(nvr.port(), change, "admin", "Tmp-4412-xy").text());
    assertTrue(nvr.accepts("admin", Secret.of("Fresh-Passw0rd")));
    assertFalse(nvr.accepts("admin", Secret.of("Tmp-4412-xy")), "used once, then gone");
  }

  @Test
  void temporaryPasswordExpiresAtTheEndOfTheDevicesDay() {
    nvr.installTemporaryPassword(Secret.of("Tmp-4412-xy"));
    assertTrue(nvr.accepts("admin", Secret.of("Tmp-4412-xy")));
    clock.advance(Duration.ofHours(15)); // 2026-01-06 00:03 local
    assertFalse(nvr.accepts("admin", Secret.of("Tmp-4412-xy")));
    assertTrue(nvr.accepts("admin", Secret.of(PW)));
  }

  @Test
  void userManagementSet() throws Exception {
    RawHttp.Response all = admin("/cgi-bin/userManager.cgi?action=getUserInfoAll");
    String s = all.text();
    assertTrue(s.contains("users[0].Group=admin\r\n"), s);
    assertTrue(s.contains("users[0].Name=admin\r\n"));
    assertTrue(s.contains("users[0].Reserved=true\r\n"));
    assertTrue(s.contains("users[1].Name=viewer\r\n"));
    assertTrue(s.contains("users[1].Group=user\r\n"));
    assertFalse(s.contains(PW));
    assertTrue(
        admin("/cgi-bin/userManager.cgi?action=getGroupInfoAll")
            .text()
            .contains("group[1].Name=user\r\n"));
    assertEquals(
        "OK\r\n",
        admin(
                "/cgi-bin/userManager.cgi?action=addUser&user.Name=ops&user.Password=Ops-Passw0rd"
                    + "&user.Group=user&user.Sharable=true&user.Reserved=false&user.Memo=night%20shift")
            .text());
    assertTrue(nvr.accepts("ops", Secret.of("Ops-Passw0rd")));
    String one = admin("/cgi-bin/userManager.cgi?action=getUserInfo&name=ops").text();
    assertTrue(one.contains("user.Memo=night shift\r\n"), one);
    // an empty value is ignored but answered OK
    assertEquals(
        "OK\r\n", admin("/cgi-bin/userManager.cgi?action=modifyUser&name=ops&user.Memo=").text());
    assertTrue(
        admin("/cgi-bin/userManager.cgi?action=getUserInfo&name=ops")
            .text()
            .contains("user.Memo=night shift\r\n"));
    assertEquals(
        "OK\r\n",
        admin("/cgi-bin/userManager.cgi?action=modifyUser&name=ops&user.Group=admin").text());
    assertEquals(AccountLevel.ADMINISTRATOR, nvr.users().get(2).level());
    assertEquals(400, admin("/cgi-bin/userManager.cgi?action=deleteUser&name=admin").status());
    assertEquals("OK\r\n", admin("/cgi-bin/userManager.cgi?action=deleteUser&name=ops").text());
    assertEquals(2, nvr.users().size());
    assertEquals(
        400,
        digestGet(
                nvr.port(),
                "/cgi-bin/userManager.cgi?action=deleteUser&name=admin",
                "viewer",
                "Viewer-123")
            .status(),
        "a user-group account cannot manage users");
  }

  @Test
  void journalRedactsPasswordsEvenWhenTheClientForgotToEncodeThem() throws Exception {
    admin(
        "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=N3w&Pa%20ss+&pwdOld=" + PW);
    RecordedRequest r = nvr.journal("modifyPassword").get(nvr.journal("modifyPassword").size() - 1);
    String s = r.toString() + r.redactedTarget();
    assertFalse(s.contains("N3w"), s);
    assertFalse(s.contains("Pa%20ss"), s);
    assertFalse(s.contains(PW), s);
    assertTrue(s.contains("pwd=***"), s);
    assertEquals("admin", r.user());
    assertFalse(nvr.journal().toString().contains(PW));
  }

  @Test
  void resetRestoresInitialState() throws Exception {
    admin(
        "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=New-Passw0rd&pwdOld=" + PW);
    digestGet(nvr.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", "viewer", "bad");
    clock.advance(Duration.ofHours(1));
    nvr.reset();
    assertTrue(nvr.accepts("admin", Secret.of(PW)));
    assertEquals(0, nvr.failedAttempts("viewer"));
    assertEquals(Instant.parse("2026-01-05T14:03:07Z"), clock.now());
    assertTrue(nvr.journal().isEmpty());
  }
}
