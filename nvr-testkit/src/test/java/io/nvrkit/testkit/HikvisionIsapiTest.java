package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Hikvision personality driven over raw HTTP, written to ISAPI as the research notes describe
 * it (not through any driver).
 */
class HikvisionIsapiTest {
  static final String PW = "Admin12345";
  static final Instant T0 = Instant.parse("2026-07-01T00:10:11Z");

  FakeNvr nvr;

  @AfterEach
  void close() {
    if (nvr != null) {
      nvr.close();
    }
  }

  FakeNvr start(FakeNvr.Builder b) {
    nvr = b.start();
    return nvr;
  }

  FakeNvr startDefault() {
    return start(FakeNvr.hikvision().clock(FakeClock.fixed(T0, ZoneId.of("Asia/Shanghai"))));
  }

  /** A Digest client that, like requests.HTTPDigestAuth, reuses one nonce with a rising nc. */
  static final class Session {
    final int port;
    final String user;
    final String password;
    Map<String, String> challenge;
    int nc;

    Session(int port, String user, String password) {
      this.port = port;
      this.user = user;
      this.password = password;
    }

    RawHttp.Response call(String method, String target, String body) throws Exception {
      if (challenge == null) {
        RawHttp.Response first = RawHttp.send(port, method, target, null, null, null);
        if (first.status() != 401) {
          return first;
        }
        challenge = RawHttp.challenge(first.header("WWW-Authenticate"));
        nc = 0;
      }
      String auth =
          RawHttp.digest(challenge, user, password, method, target, String.format("%08x", ++nc));
      return RawHttp.send(
          port, method, target, auth, body == null ? null : "application/xml", body);
    }

    RawHttp.Response get(String target) throws Exception {
      return call("GET", target, null);
    }
  }

  static String el(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    return m.find() ? m.group(1) : null;
  }

  static String user(String name, String password, String loginPassword, String level) {
    return "<User version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\"><id>0</id><userName>"
        + name
        + "</userName><password>"
        + password
        + "</password>"
        + (loginPassword == null ? "" : "<loginPassword>" + loginPassword + "</loginPassword>")
        + "<userLevel>"
        + level
        + "</userLevel></User>";
  }

  static String adminPassword(String newPassword, String loginPassword) {
    return "<User><id>1</id><userName>admin</userName><password>"
        + newPassword
        + "</password><loginPassword>"
        + loginPassword
        + "</loginPassword></User>";
  }

  @Test
  void anUnauthenticatedRequestGetsTheFirmwaresDigestChallengeAndUserCheckBody() throws Exception {
    startDefault();
    RawHttp.Response r = RawHttp.get(nvr.port(), "/ISAPI/System/deviceInfo", null);
    assertEquals(401, r.status());
    String h = r.header("WWW-Authenticate");
    assertTrue(h.startsWith("Digest realm=\""), h);
    assertTrue(h.contains("domain=\"::\", qop=\"auth\""), h);
    assertTrue(h.contains("opaque=\"\", algorithm=\"MD5\", stale=\"FALSE\""), h);
    assertTrue(RawHttp.challenge(h).get("nonce").matches("[0-9a-f]{32}:" + T0.toEpochMilli()), h);
    assertEquals("Webs", r.header("Server"));
    assertEquals("application/xml; charset=\"UTF-8\"", r.header("Content-Type"));
    assertTrue(r.header("Date").contains("2026 00:10:11 GMT"), "Date is the device clock");
    String b = r.text();
    assertEquals("401", el(b, "statusValue"));
    assertEquals("unlock", el(b, "lockStatus"));
    assertEquals("5", el(b, "retryLoginTime"));
    assertEquals(0, nvr.failedAttempts("admin"), "a request without credentials counts nothing");
  }

  @Test
  void deviceInfoAnswersOnAnyCaseOfThePathWithTheNvrElementsInOrder() throws Exception {
    startDefault();
    RawHttp.Response r = new Session(nvr.port(), "admin", PW).get("/ISAPI/System/deviceinfo");
    assertEquals(200, r.status());
    String b = r.text();
    assertTrue(b.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"), b);
    assertTrue(
        b.contains(
            "<DeviceInfo version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">"),
        b);
    FakeIdentity id = FakeIdentity.hikvisionDefaults();
    assertEquals(id.serial(), el(b, "serialNumber"));
    assertEquals(id.model(), el(b, "model"));
    assertEquals(id.deviceId(), el(b, "deviceID"));
    assertEquals("c4:2f:90:e1:a2:b3", el(b, "macAddress"));
    assertEquals("V4.62.210", el(b, "firmwareVersion"));
    assertEquals("build 210813", el(b, "firmwareReleasedDate"));
    assertEquals("NVR", el(b, "deviceType"));
    assertTrue(b.indexOf("<deviceName>") < b.indexOf("<deviceID>"));
    assertTrue(b.indexOf("<firmwareReleasedDate>") < b.indexOf("<deviceType>"));
  }

  @Test
  void theNamespaceAndVersionFollowTheProfile() throws Exception {
    start(
        FakeNvr.hikvision()
            .hikvisionProfile(
                HikvisionProfile.builder()
                    .namespace(HikvisionProfile.Namespace.ISAPI_ORG)
                    .xmlVersion10(true)
                    .deviceType(HikvisionProfile.DeviceType.IP_CAMERA)
                    .build()));
    String b = new Session(nvr.port(), "admin", PW).get("/ISAPI/System/deviceInfo").text();
    assertTrue(
        b.contains("<DeviceInfo version=\"1.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\">"),
        b);
    assertEquals("IPCamera", el(b, "deviceType"));
    assertEquals("12345678WCVU".substring(3), el(b, "subSerialNumber"));
  }

  @Test
  void aNonceIsReusedWithARisingNcButAReplayedNcGetsAStaleChallenge() throws Exception {
    startDefault();
    Session s = new Session(nvr.port(), "admin", PW);
    assertEquals(200, s.get("/ISAPI/System/deviceInfo").status());
    assertEquals(200, s.get("/ISAPI/System/time").status(), "same nonce, nc=2");
    s.nc = 1; // replay nc=2
    RawHttp.Response replay = s.get("/ISAPI/System/time");
    assertEquals(401, replay.status());
    assertTrue(replay.header("WWW-Authenticate").contains("stale=\"TRUE\""));
    assertEquals(0, nvr.failedAttempts("admin"), "a stale nonce is not an illegal login");
  }

  @Test
  void singleUseNoncesRefuseTheSecondUse() throws Exception {
    start(
        FakeNvr.hikvision()
            .hikvisionProfile(HikvisionProfile.builder().singleUseNonces(true).build()));
    Session s = new Session(nvr.port(), "admin", PW);
    assertEquals(200, s.get("/ISAPI/System/deviceInfo").status());
    RawHttp.Response second = s.get("/ISAPI/System/deviceInfo");
    assertEquals(401, second.status());
    assertTrue(second.header("WWW-Authenticate").contains("stale=\"TRUE\""));
  }

  @Test
  void timeCarriesTheOffsetInForceAndThePosixZoneWithItsSignInverted() throws Exception {
    startDefault();
    String b = new Session(nvr.port(), "admin", PW).get("/ISAPI/System/time").text();
    assertEquals("2026-07-01T08:10:11+08:00", el(b, "localTime"));
    assertEquals("CST-8:00:00", el(b, "timeZone"));
    nvr.clock().setZone(ZoneId.of("America/New_York"));
    b = new Session(nvr.port(), "admin", PW).get("/ISAPI/System/time").text();
    assertEquals("2026-06-30T20:10:11-04:00", el(b, "localTime"));
    assertEquals("CST+5:00:00DST01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00", el(b, "timeZone"));
  }

  @Test
  void puttingTheTimeZoneMovesTheDisplayedTime() throws Exception {
    startDefault();
    Session s = new Session(nvr.port(), "admin", PW);
    String body = "<Time><timeMode>NTP</timeMode><timeZone>CST+3:00:00</timeZone></Time>";
    assertEquals(200, s.call("PUT", "/ISAPI/System/time", body).status());
    assertEquals("2026-06-30T21:10:11-03:00", el(s.get("/ISAPI/System/time").text(), "localTime"));
  }

  @Test
  void usersAreListedCreatedAndDeletedButAdminIdOneStays() throws Exception {
    startDefault();
    Session s = new Session(nvr.port(), "admin", PW);
    String list = s.get("/ISAPI/Security/users").text();
    assertEquals("1", el(list, "id"));
    assertEquals("Administrator", el(list, "userLevel"));
    assertFalse(list.contains(PW), "passwords are never returned");
    RawHttp.Response created =
        s.call("POST", "/ISAPI/Security/users", user("viewer1", "Viewer-Pass9", PW, "Viewer"));
    assertEquals(200, created.status(), created.text());
    assertEquals("1", el(created.text(), "statusCode"));
    assertEquals("ok", el(created.text(), "subStatusCode"));
    assertTrue(nvr.accepts("viewer1", Secret.of("Viewer-Pass9")));
    assertEquals(
        200,
        new Session(nvr.port(), "viewer1", "Viewer-Pass9")
            .get("/ISAPI/Security/userCheck")
            .status());
    RawHttp.Response dup =
        s.call("POST", "/ISAPI/Security/users", user("viewer1", "Viewer-Pass9", PW, "Viewer"));
    assertEquals(400, dup.status());
    RawHttp.Response adminDelete = s.call("DELETE", "/ISAPI/Security/users/1", null);
    assertEquals(403, adminDelete.status());
    assertEquals("invalidOperation", el(adminDelete.text(), "subStatusCode"));
    assertEquals(200, s.call("DELETE", "/ISAPI/Security/users/2", null).status());
    assertEquals(1, nvr.users().size());
  }

  @Test
  void writesNeedTheCallersLoginPasswordAndAWrongOneCounts() throws Exception {
    startDefault();
    Session s = new Session(nvr.port(), "admin", PW);
    RawHttp.Response missing =
        s.call("POST", "/ISAPI/Security/users", user("op1", "Operator-Pass9", null, "Operator"));
    assertEquals(400, missing.status());
    assertEquals("6", el(missing.text(), "statusCode"));
    assertEquals("badXmlContent", el(missing.text(), "subStatusCode"));
    RawHttp.Response wrong =
        s.call(
            "POST",
            "/ISAPI/Security/users",
            user("op1", "Operator-Pass9", "Wrong-Pass1", "Operator"));
    assertEquals(403, wrong.status());
    assertEquals(1, nvr.failedAttempts("admin"));
    assertEquals(1, nvr.users().size());
  }

  @Test
  void riskyPasswordsAreRefusedWithBadParameters() throws Exception {
    startDefault();
    Session s = new Session(nvr.port(), "admin", PW);
    for (String risky :
        new String[] {
          "Ab1", // short
          "abcdefghij", // one class
          "12345678", // one class
          "Operator1", // the user name
          "1rotarepO", // the user name mirrored
          "Abcdefgh12345678X", // 17 characters
          "Abcd 12345", // space is not in the character set
          "Abcd~12345" // nor is ~
        }) {
      RawHttp.Response r =
          s.call("POST", "/ISAPI/Security/users", user("operator1", risky, PW, "Operator"));
      assertEquals(400, r.status(), "refused: a password of " + risky.length() + " characters");
      assertEquals("badParameters", el(r.text(), "subStatusCode"));
    }
    assertEquals(1, nvr.users().size());
    RawHttp.Response weak =
        s.call("POST", "/ISAPI/Security/users", user("operator1", "abcd1234", PW, "Operator"));
    assertEquals(200, weak.status(), "level 1 (weak) is accepted");
  }

  @Test
  void changingTheAdminPasswordLeavesTheNewWorkingAndTheOldRefusedOnce() throws Exception {
    startDefault();
    Session s = new Session(nvr.port(), "admin", PW);
    RawHttp.Response r =
        s.call("PUT", "/ISAPI/Security/users/1", adminPassword("Fresh-Pass42", PW));
    assertEquals(200, r.status(), r.text());
    assertTrue(nvr.accepts("admin", Secret.of("Fresh-Pass42")));
    assertEquals(
        200,
        new Session(nvr.port(), "admin", "Fresh-Pass42").get("/ISAPI/Security/userCheck").status());
    RawHttp.Response old = new Session(nvr.port(), "admin", PW).get("/ISAPI/Security/userCheck");
    assertEquals(401, old.status());
    assertEquals("4", el(old.text(), "retryLoginTime"));
    assertEquals(1, nvr.failedAttempts("admin"));
  }

  @Test
  void theLockIsPerSourceIpAndRefusesEvenTheRightPasswordUntilItEnds() throws Exception {
    startDefault();
    RawHttp.Response last = null;
    for (int i = 1; i <= 5; i++) {
      last = new Session(nvr.port(), "admin", "Wrong-Pass" + i).get("/ISAPI/Security/userCheck");
      assertEquals(401, last.status());
      assertEquals(Integer.toString(5 - i), el(last.text(), "retryLoginTime"));
    }
    assertEquals("lock", el(last.text(), "lockStatus"));
    assertEquals("1800", el(last.text(), "unlockTime"));
    assertTrue(nvr.isLocked("admin"));
    RawHttp.Response right = new Session(nvr.port(), "admin", PW).get("/ISAPI/Security/userCheck");
    assertEquals(401, right.status(), "locked: even the right password is refused");
    assertEquals("lock", el(right.text(), "lockStatus"));
    nvr.clock().advance(Duration.ofSeconds(1800));
    assertFalse(nvr.isLocked("admin"));
    assertEquals(
        200, new Session(nvr.port(), "admin", PW).get("/ISAPI/Security/userCheck").status());
  }

  @Test
  void theIllegalLoginLockSettingsAreReadAndWritten() throws Exception {
    startDefault();
    Session s = new Session(nvr.port(), "admin", PW);
    String b = s.get("/ISAPI/Security/illegalLoginLock").text();
    assertEquals("true", el(b, "enabled"));
    assertEquals("5", el(b, "maxIllegalLoginTimes"));
    assertEquals("1800", el(b, "maxIllegalLoginLockTime"));
    String put =
        "<IllegalLoginLock><enabled>true</enabled><maxIllegalLoginTimes>3</maxIllegalLoginTimes>"
            + "<maxIllegalLoginLockTime>600</maxIllegalLoginLockTime></IllegalLoginLock>";
    assertEquals(200, s.call("PUT", "/ISAPI/Security/illegalLoginLock", put).status());
    RawHttp.Response r = RawHttp.get(nvr.port(), "/ISAPI/Security/userCheck", null);
    assertEquals("3", el(r.text(), "retryLoginTime"));
  }

  @Test
  void basicIsRefusedUncountedOnDigestOnlyAndAcceptedWhenAllowed() throws Exception {
    startDefault();
    String basic =
        "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PW).getBytes());
    RawHttp.Response r = RawHttp.get(nvr.port(), "/ISAPI/System/deviceInfo", basic);
    assertEquals(401, r.status());
    assertEquals(0, nvr.failedAttempts("admin"));
    nvr.close();
    start(
        FakeNvr.hikvision()
            .hikvisionProfile(
                HikvisionProfile.builder()
                    .authentication(HikvisionProfile.Authentication.DIGEST_AND_BASIC)
                    .build()));
    assertEquals(200, RawHttp.get(nvr.port(), "/ISAPI/System/deviceInfo", basic).status());
    RawHttp.Response ch = RawHttp.get(nvr.port(), "/ISAPI/System/deviceInfo", null);
    assertTrue(ch.head().contains("WWW-Authenticate: Basic realm="), ch.head());
  }

  @Test
  void errorsAreResponseStatusDocumentsAndOtherPathsTheWebServersPage() throws Exception {
    startDefault();
    Session s = new Session(nvr.port(), "admin", PW);
    RawHttp.Response unknown = s.get("/ISAPI/System/Nothing");
    assertEquals(403, unknown.status());
    assertEquals("4", el(unknown.text(), "statusCode"));
    assertEquals("Invalid Operation", el(unknown.text(), "statusString"));
    assertEquals("notSupport", el(unknown.text(), "subStatusCode"));
    RawHttp.Response dtd =
        s.call(
            "POST",
            "/ISAPI/Security/users",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"x\">]><User><userName>&e;</userName></User>");
    assertEquals(400, dtd.status());
    assertEquals("badXmlFormat", el(dtd.text(), "subStatusCode"));
    assertEquals(404, RawHttp.get(nvr.port(), "/doc/page/login.asp", null).status());
  }

  @Test
  void identityIsServedOverHttpsToo() throws Exception {
    start(FakeNvr.hikvision().tls(true));
    HttpClient c =
        HttpClient.newBuilder().sslContext(TlsTest.pinning(nvr.pin().orElseThrow())).build();
    URI u = nvr.url().resolve("/ISAPI/System/deviceInfo");
    HttpResponse<String> first =
        c.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, first.statusCode());
    Map<String, String> ch =
        RawHttp.challenge(first.headers().firstValue("WWW-Authenticate").orElseThrow());
    String auth = RawHttp.digest(ch, "admin", PW, "GET", "/ISAPI/System/deviceInfo", "00000001");
    HttpResponse<String> ok =
        c.send(
            HttpRequest.newBuilder(u).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ok.statusCode());
    assertEquals(nvr.identity().serial(), el(ok.body(), "serialNumber"));
  }

  @Test
  void resetRestoresAccountsAndForgetsIpLocks() throws Exception {
    startDefault();
    for (int i = 0; i < 5; i++) {
      new Session(nvr.port(), "admin", "Wrong-Pass" + i).get("/ISAPI/Security/userCheck");
    }
    assertTrue(nvr.isLocked("admin"));
    nvr.reset();
    assertFalse(nvr.isLocked("admin"));
    assertEquals(
        200, new Session(nvr.port(), "admin", PW).get("/ISAPI/Security/userCheck").status());
  }
}
