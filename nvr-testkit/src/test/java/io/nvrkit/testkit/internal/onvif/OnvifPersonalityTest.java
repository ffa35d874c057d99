package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.OnvifProfile.Authentication.USERNAME_TOKEN;
import static io.nvrkit.testkit.internal.onvif.Soap.envelope;
import static io.nvrkit.testkit.internal.onvif.Soap.faultPath;
import static io.nvrkit.testkit.internal.onvif.Soap.post;
import static io.nvrkit.testkit.internal.onvif.Soap.wsse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.OnvifProfile;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnvifPersonalityTest {
  private final TestDevice device = new TestDevice();
  private OnvifPersonality fake =
      new OnvifPersonality(
          device, OnvifSettings.of(OnvifProfile.builder().authentication(USERNAME_TOKEN).build()));

  private FakeResponse call(String header, String body) {
    return fake.handle(post(envelope(header, body)));
  }

  private FakeResponse as(String user, String pw, String body) {
    return call(wsse(user, pw, device.now()), body);
  }

  @Test
  void digestMatchesTheWorkedExampleOfTheResearchNote() {
    byte[] nonce = new byte[16];
    for (int i = 0; i < 16; i++) {
      nonce[i] = (byte) i;
    }
    byte[] d = UsernameToken.digest(nonce, "2024-05-01T12:00:00.000Z", "Admin12345".toCharArray());
    assertEquals("KLbK5kkgoMr9EzQEffFAAl0/YCY=", Base64.getEncoder().encodeToString(d));
  }

  @Test
  void preAuthOperationsAnswerWithoutCredentialsAndIgnoreABadToken() {
    FakeResponse r = call(null, "<tds:GetSystemDateAndTime/>");
    assertEquals(200, r.status());
    assertEquals("application/soap+xml; charset=utf-8", r.headers().get(0).getValue());
    assertEquals(List.of("12", "14"), Soap.texts(r, Ns.TT, "Hour"), "UTC then Paris local (CEST)");
    assertEquals("CET-1CEST,M3.5.0,M10.5.0/3", Soap.text(r, Ns.TT, "TZ"));
    assertEquals("true", Soap.text(r, Ns.TT, "DaylightSavings"));

    FakeResponse bad = call(wsse("admin", "wrong", device.now()), "<tds:GetHostname/>");
    assertEquals(200, bad.status());
    assertEquals("NVR", Soap.text(bad, Ns.TT, "Name"));
    assertEquals(0, device.failures("admin"), "a PRE_AUTH call does not verify the token");
  }

  @Test
  void readSystemNeedsAUserAndFailsWithTwoLevelNotAuthorizedAndHttp400() {
    FakeResponse r = call(null, "<tds:GetDeviceInformation/>");
    assertEquals(400, r.status());
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(r));

    FakeResponse ok = as("viewer", "V1ewer-Pass", "<tds:GetDeviceInformation/>");
    assertEquals(200, ok.status());
    assertEquals("ND021811019863", Soap.text(ok, Ns.TDS, "SerialNumber"));
    assertEquals("1.00", Soap.text(ok, Ns.TDS, "HardwareId"));
  }

  @Test
  void getUsersNeedsAnAdministratorAndNeverShowsPasswords() {
    FakeResponse op = as("operator1", "Op3rator-One", "<tds:GetUsers/>");
    assertEquals(400, op.status());
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(op));

    FakeResponse r = as("admin", "Admin12345", "<tds:GetUsers/>");
    assertEquals(200, r.status());
    assertEquals(List.of("admin", "operator1", "viewer"), Soap.texts(r, Ns.TT, "Username"));
    assertEquals(List.of("Administrator", "Operator", "User"), Soap.texts(r, Ns.TT, "UserLevel"));
    assertTrue(Soap.texts(r, Ns.TT, "Password").isEmpty());
    assertFalse(Soap.body(r).contains("Admin12345"));
  }

  @Test
  void theSampleSetUserIsAcceptedAtItsCreatedTimeAndRefusedWhenReplayed() throws Exception {
    String sample = sample("SetUser.xml");
    device.now = Instant.parse("2024-05-01T12:00:30Z");
    FakeResponse r = fake.handle(post(sample));
    assertEquals(200, r.status(), Soap.body(r));
    assertTrue(device.accepts("operator1", "N3w-Passw0rd!"));

    FakeResponse replay = fake.handle(post(sample));
    assertEquals(400, replay.status());
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(replay));
  }

  @Test
  void theInvalidWsseSampleIsRefusedAsNotAuthorized() throws Exception {
    device.now = Instant.parse("2024-05-01T12:00:00Z");
    FakeResponse r = fake.handle(post(sample("invalid-SetUser-wsse.xml")));
    assertEquals(400, r.status());
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(r));
    assertTrue(device.accepts("operator1", "Op3rator-One"), "nothing changed");
  }

  @Test
  void theInvalidUserLevelSampleIsRefusedAsInvalidArgVal() throws Exception {
    device.now = Instant.parse("2024-05-01T12:00:00Z");
    FakeResponse r = fake.handle(post(sample("invalid-SetUser-UserLevel.xml")));
    assertEquals(400, r.status());
    assertEquals("env:Sender/ter:InvalidArgVal", faultPath(r));
    assertTrue(device.accepts("operator1", "Op3rator-One"));
  }

  @Test
  void createdIsCheckedAgainstTheDeviceClockNotTheHostClock() {
    device.now = Instant.now().plus(Duration.ofHours(3)); // device clock 3 h ahead of the host
    FakeResponse skewed = call(wsse("admin", "Admin12345", device.now), "<tds:GetUsers/>");
    assertEquals(200, skewed.status());
    FakeResponse hostTime = call(wsse("admin", "Admin12345", Instant.now()), "<tds:GetUsers/>");
    assertEquals(400, hostTime.status());
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(hostTime));
    assertTrue(Soap.faultReason(hostTime).contains("time check"));
    FakeResponse edge =
        call(wsse("admin", "Admin12345", device.now.minusSeconds(299)), "<tds:GetUsers/>");
    assertEquals(200, edge.status());
    FakeResponse late =
        call(wsse("admin", "Admin12345", device.now.plusSeconds(301)), "<tds:GetUsers/>");
    assertEquals(400, late.status());
    assertEquals(0, device.failures("admin"), "a stale token is not a wrong password");
  }

  @Test
  void tokensWithoutNonceOrCreatedOrAsPasswordTextAreRefused() {
    String noNonce =
        "<wsse:Security xmlns:wsse=\""
            + Ns.WSSE
            + "\"><wsse:UsernameToken><wsse:Username>admin</wsse:Username>"
            + "<wsse:Password Type=\""
            + Ns.PASSWORD_TEXT
            + "\">Admin12345</wsse:Password>"
            + "</wsse:UsernameToken></wsse:Security>";
    assertEquals(400, call(noNonce, "<tds:GetUsers/>").status());
    String text =
        "<wsse:Security xmlns:wsse=\""
            + Ns.WSSE
            + "\" xmlns:wsu=\""
            + Ns.WSU
            + "\"><wsse:UsernameToken>"
            + "<wsse:Username>admin</wsse:Username>"
            + "<wsse:Password Type=\""
            + Ns.PASSWORD_TEXT
            + "\">Admin12345</wsse:Password>"
            + "<wsse:Nonce>AAECAwQFBgcICQoLDA0ODw==</wsse:Nonce><wsu:Created>"
            + device.now
            + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    assertEquals(400, call(text, "<tds:GetUsers/>").status());
    fake =
        new OnvifPersonality(
            device,
            OnvifSettings.of(
                OnvifProfile.builder().authentication(USERNAME_TOKEN).passwordText(true).build()));
    assertEquals(200, call(text, "<tds:GetUsers/>").status());
  }

  @Test
  void wrongPasswordsCountTowardsLockoutAndALockedAccountRefusesTheRightOne() {
    device.lockAfter = 3;
    FakeResponse first = as("admin", "wrong", "<tds:GetUsers/>");
    assertTrue(Soap.faultReason(first).contains("You still have 2 attempt(s)"));
    as("admin", "wrong", "<tds:GetUsers/>");
    as("admin", "wrong", "<tds:GetUsers/>");
    assertTrue(device.isLocked("admin"));
    FakeResponse r = as("admin", "Admin12345", "<tds:GetUsers/>");
    assertEquals(400, r.status());
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(r));
  }

  @Test
  void anyPrefixesAndDefaultNamespacesAreAccepted() {
    String xml =
        "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Header>"
            + wsse("admin", "Admin12345", device.now())
                .replace("s:mustUnderstand", "mustUnderstand")
            + "</Header><Body><dp0:GetUsers xmlns:dp0=\"http://www.onvif.org/ver10/device/wsdl\"/></Body></Envelope>";
    assertEquals(200, fake.handle(post(xml)).status());
  }

  @Test
  void createUsersIsAllOrNothing() {
    FakeResponse r =
        as(
            "admin",
            "Admin12345",
            "<tds:CreateUsers>"
                + user("newbie", "Pass-1234", "Operator")
                + user("viewer", "Pass-1234", "User")
                + "</tds:CreateUsers>");
    assertEquals(400, r.status());
    assertEquals("env:Sender/ter:OperationProhibited/ter:UsernameClash", faultPath(r));
    assertFalse(device.accounts().stream().anyMatch(a -> a.name().equals("newbie")));

    FakeResponse dup =
        as(
            "admin",
            "Admin12345",
            "<tds:CreateUsers>"
                + user("twin", "Pass-1234", "User")
                + user("twin", "Pass-1234", "User")
                + "</tds:CreateUsers>");
    assertEquals("env:Sender/ter:OperationProhibited/ter:UsernameClash", faultPath(dup));
    assertEquals(3, device.accounts().size());

    FakeResponse ok =
        as(
            "admin",
            "Admin12345",
            "<tds:CreateUsers>" + user("newbie", "Pass-1234", "Operator") + "</tds:CreateUsers>");
    assertEquals(200, ok.status());
    assertTrue(Soap.body(ok).contains("CreateUsersResponse"));
    // the new account works for the very next request, at its level
    assertEquals(200, as("newbie", "Pass-1234", "<tds:GetDeviceInformation/>").status());
    assertEquals(
        "env:Sender/ter:NotAuthorized", faultPath(as("newbie", "Pass-1234", "<tds:GetUsers/>")));
  }

  @Test
  void limitsAdvertisedInCapabilitiesAreEnforcedWithTheSpecFaults() {
    fake =
        new OnvifPersonality(
            device,
            OnvifSettings.of(
                OnvifProfile.builder()
                    .authentication(USERNAME_TOKEN)
                    .maxUsers(4)
                    .maxUserNameLength(8)
                    .maxPasswordLength(12)
                    .build()));
    FakeResponse caps = call(null, "<tds:GetServiceCapabilities/>");
    String c = Soap.body(caps);
    assertTrue(
        c.contains("MaxUsers=\"4\"")
            && c.contains("MaxUserNameLength=\"8\"")
            && c.contains("MaxPasswordLength=\"12\""),
        c);

    assertEquals(
        "env:Sender/ter:OperationProhibited/ter:UsernameTooLong",
        faultPath(create(user("nineChars", "Pass-1234", "User"))));
    assertEquals(
        "env:Sender/ter:OperationProhibited/ter:PasswordTooLong",
        faultPath(create(user("u1", "Pass-12345678", "User"))));
    assertEquals(
        "env:Sender/ter:OperationProhibited/ter:AnonymousNotAllowed",
        faultPath(create(user("u1", "Pass-1234", "Anonymous"))));
    assertEquals(
        "env:Sender/ter:OperationProhibited/ter:Password",
        faultPath(
            create(
                "<tds:User><tt:Username>u1</tt:Username><tt:UserLevel>User</tt:UserLevel></tds:User>")));
    assertEquals(
        "env:Sender/ter:OperationProhibited/ter:UsernameTooShort",
        faultPath(create(user("", "Pass-1234", "User"))));
    FakeResponse tooMany =
        create(user("u1", "Pass-1234", "User") + user("u2", "Pass-1234", "User"));
    assertEquals(500, tooMany.status());
    assertEquals("env:Receiver/ter:Action/ter:TooManyUsers", faultPath(tooMany));
    assertEquals(200, create(user("u1", "Pass-1234", "User")).status());
    assertEquals(4, device.accounts().size());
  }

  private FakeResponse create(String users) {
    return as("admin", "Admin12345", "<tds:CreateUsers>" + users + "</tds:CreateUsers>");
  }

  @Test
  void setUserFaultsAndSemantics() {
    assertEquals(
        "env:Sender/ter:InvalidArgVal/ter:UsernameMissing",
        faultPath(
            as(
                "admin",
                "Admin12345",
                "<tds:SetUser>" + user("ghost", "Pass-1234", "User") + "</tds:SetUser>")));
    assertEquals(
        "env:Sender/ter:InvalidArgVal/ter:FixedUser",
        faultPath(
            as(
                "admin",
                "Admin12345",
                "<tds:SetUser>" + user("admin", "Pass-1234", "Operator") + "</tds:SetUser>")));
    assertEquals(
        "env:Sender/ter:OperationProhibited/ter:PasswordTooWeak",
        faultPath(
            as(
                "admin",
                "Admin12345",
                "<tds:SetUser><tds:User><tt:Username>viewer</tt:Username><tt:UserLevel>User</tt:UserLevel></tds:User></tds:SetUser>")));
    // batch: one valid + one unknown -> nothing changed
    as(
        "admin",
        "Admin12345",
        "<tds:SetUser>"
            + user("viewer", "Changed-1", "User")
            + user("ghost", "x-1234", "User")
            + "</tds:SetUser>");
    assertTrue(device.accepts("viewer", "V1ewer-Pass"));

    // the fixed admin may change its password; the old one stops working at once
    assertEquals(
        200,
        as(
                "admin",
                "Admin12345",
                "<tds:SetUser>" + user("admin", "N3w-Admin!", "Administrator") + "</tds:SetUser>")
            .status());
    assertEquals(400, as("admin", "Admin12345", "<tds:GetUsers/>").status());
    assertEquals(200, as("admin", "N3w-Admin!", "<tds:GetUsers/>").status());
  }

  @Test
  void modifyPasswordLetsAUserChangeOnlyTheirOwnPasswordAndIgnoresTheLevel() {
    FakeResponse own =
        as(
            "viewer",
            "V1ewer-Pass",
            "<tds:SetUser>" + user("viewer", "Mine-1234", "Administrator") + "</tds:SetUser>");
    assertEquals(200, own.status());
    assertTrue(device.accepts("viewer", "Mine-1234"));
    assertEquals(
        AccountLevel.USER,
        device.accounts().stream()
            .filter(a -> a.name().equals("viewer"))
            .findFirst()
            .get()
            .level());
    FakeResponse other =
        as(
            "viewer",
            "Mine-1234",
            "<tds:SetUser>" + user("operator1", "Hijack-123", "Operator") + "</tds:SetUser>");
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(other));
  }

  @Test
  void deleteUsersFaults() {
    assertEquals(
        "env:Sender/ter:InvalidArgVal/ter:FixedUser",
        faultPath(
            as(
                "admin",
                "Admin12345",
                "<tds:DeleteUsers><tds:Username>admin</tds:Username></tds:DeleteUsers>")));
    assertEquals(
        "env:Sender/ter:InvalidArgVal/ter:UsernameMissing",
        faultPath(
            as(
                "admin",
                "Admin12345",
                "<tds:DeleteUsers><tds:Username>viewer</tds:Username><tds:Username>ghost</tds:Username></tds:DeleteUsers>")));
    assertTrue(device.accepts("viewer", "V1ewer-Pass"), "all-or-nothing");
    // node-onvif 0.1.7 sends tt:Username: schema-invalid, refused
    assertEquals(
        400,
        as(
                "admin",
                "Admin12345",
                "<tds:DeleteUsers><tt:Username>viewer</tt:Username></tds:DeleteUsers>")
            .status());
    assertEquals(
        200,
        as(
                "admin",
                "Admin12345",
                "<tds:DeleteUsers><tds:Username>viewer</tds:Username></tds:DeleteUsers>")
            .status());
    assertEquals(400, as("viewer", "V1ewer-Pass", "<tds:GetDeviceInformation/>").status());
  }

  @Test
  void unimplementedOperationsAnswerActionNotSupportedAfterTheAccessCheck() {
    FakeResponse anon = call(null, "<tds:SystemReboot/>");
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(anon));
    FakeResponse op = as("operator1", "Op3rator-One", "<tds:SystemReboot/>");
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(op), "UNRECOVERABLE is admin only");
    FakeResponse admin = as("admin", "Admin12345", "<tds:SystemReboot/>");
    assertEquals(500, admin.status());
    assertEquals("env:Receiver/ter:ActionNotSupported", faultPath(admin));
    FakeResponse actuate = as("operator1", "Op3rator-One", "<tds:SetRelayOutputState/>");
    assertEquals(
        "env:Receiver/ter:ActionNotSupported", faultPath(actuate), "ACTUATE allows Operator");
    FakeResponse media =
        call(null, "<trt:GetProfiles xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\"/>");
    assertEquals("env:Receiver/ter:ActionNotSupported", faultPath(media));
    FakeResponse cat =
        call(null, "<tds:GetCapabilities><tds:Category>PTZ</tds:Category></tds:GetCapabilities>");
    assertEquals("env:Receiver/ter:ActionNotSupported/ter:NoSuchService", faultPath(cat));
  }

  @Test
  void soapAndHttpLevelErrors() {
    FakeResponse v11 =
        fake.handle(
            post(
                "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                    + "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>",
                Map.of("content-type", List.of("text/xml; charset=utf-8"))));
    assertEquals(500, v11.status());
    assertEquals("env:VersionMismatch", faultPath(v11));

    FakeResponse dtd =
        fake.handle(
            post(
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + envelope(null, "<tds:GetHostname/>")));
    assertEquals(400, dtd.status());
    assertEquals("env:Sender/ter:WellFormed", faultPath(dtd));

    FakeResponse bomb = fake.handle(post("<a>" + "<b>".repeat(100) + "</b>".repeat(100) + "</a>"));
    assertEquals("env:Sender/ter:WellFormed", faultPath(bomb));
    assertEquals("env:Sender/ter:WellFormed", faultPath(fake.handle(post("<s:Envelope"))));

    FakeResponse json =
        fake.handle(post("{}", Map.of("content-type", List.of("application/json"))));
    assertEquals(415, json.status());

    FakeRequest get =
        new FakeRequest(
            "GET", "/onvif/device_service", Map.of(), new byte[0], new InetSocketAddress(0), false);
    FakeResponse g = fake.handle(get);
    assertEquals(405, g.status());
    assertEquals(List.of("POST"), Soap.headers(g, "Allow"));

    FakeResponse mu =
        call("<x:Custom xmlns:x=\"urn:example\" s:mustUnderstand=\"true\"/>", "<tds:GetHostname/>");
    assertEquals(500, mu.status());
    assertEquals("env:MustUnderstand", faultPath(mu));
  }

  @Test
  void operationOfNamesTheBodyElement() {
    assertEquals("SetUser", fake.operationOf(post(envelope(null, "<tds:SetUser/>"))));
    assertNull(fake.operationOf(post("not xml")));
  }

  @Test
  void scopesAndDeviceInformationAgree() {
    FakeResponse s = as("viewer", "V1ewer-Pass", "<tds:GetScopes/>");
    List<String> items = Soap.texts(s, Ns.TT, "ScopeItem");
    assertTrue(items.contains("onvif://www.onvif.org/hardware/N841A8"), items.toString());
    assertTrue(items.contains("onvif://www.onvif.org/name/Lorex%20NVR"), items.toString());
    assertTrue(
        items.contains("onvif://www.onvif.org/MAC/3c%3Aef%3A8c%3A61%3A01%3Ac0"), items.toString());
    FakeResponse n = as("viewer", "V1ewer-Pass", "<tds:GetNetworkInterfaces/>");
    assertEquals("3c:ef:8c:61:01:c0", Soap.text(n, Ns.TT, "HwAddress"));
  }

  @Test
  void servicesEchoTheHostTheClientUsed() {
    FakeResponse r =
        fake.handle(
            post(
                envelope(
                    null,
                    "<tds:GetServices><tds:IncludeCapability>true</tds:IncludeCapability></tds:GetServices>"),
                Map.of(
                    "content-type",
                    List.of("application/soap+xml"),
                    "host",
                    List.of("localhost:4321"))));
    assertEquals("http://localhost:4321/onvif/device_service", Soap.text(r, Ns.TDS, "XAddr"));
    assertTrue(Soap.body(r).contains("UsernameToken=\"true\" HttpDigest=\"false\""));
  }

  @Test
  void concurrentRequestsWithTheSameTokenSucceedExactlyOnce() throws Exception {
    String xml = envelope(wsse("admin", "Admin12345", device.now()), "<tds:GetUsers/>");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> fake.handle(post(xml)).status()));
      }
      int ok = 0;
      for (var f : results) {
        ok += f.get() == 200 ? 1 : 0;
      }
      assertEquals(1, ok);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void getServicesListsSeveralServicesAndTheOthersAnswerActionNotSupportedAfterAuth() {
    FakeResponse r =
        call(
            null,
            "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>");
    List<String> xaddrs = Soap.texts(r, Ns.TDS, "XAddr");
    assertEquals(3, xaddrs.size(), xaddrs.toString());
    assertTrue(xaddrs.contains("http://127.0.0.1:8080/onvif/media_service"), xaddrs.toString());
    Map<String, List<String>> ct = Map.of("content-type", List.of("application/soap+xml"));
    String profiles = "<trt:GetProfiles xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\"/>";
    FakeResponse anon =
        fake.handle(Soap.postTo("/onvif/media_service", envelope(null, profiles), ct));
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(anon));
    FakeResponse viewer =
        fake.handle(
            Soap.postTo(
                "/onvif/media_service",
                envelope(wsse("viewer", "V1ewer-Pass", device.now()), profiles),
                ct));
    assertEquals(500, viewer.status());
    assertEquals("env:Receiver/ter:ActionNotSupported", faultPath(viewer));
    assertEquals(
        404, fake.handle(Soap.postTo("/onvif/nothing", envelope(null, profiles), ct)).status());
  }

  @Test
  void xaddrsFollowTheSchemeOfTheConnection() {
    FakeRequest tls =
        new FakeRequest(
            "POST",
            "/onvif/device_service",
            Map.of(
                "host", List.of("127.0.0.1:8443"), "content-type", List.of("application/soap+xml")),
            envelope(null, "<tds:GetCapabilities/>").getBytes(StandardCharsets.UTF_8),
            new InetSocketAddress("127.0.0.1", 50000),
            true);
    assertEquals(
        "https://127.0.0.1:8443/onvif/device_service", Soap.text(fake.handle(tls), Ns.TT, "XAddr"));
  }

  static String setDateTime(String type, String tz, String utc) {
    return "<tds:SetSystemDateAndTime><tds:DateTimeType>"
        + type
        + "</tds:DateTimeType><tds:DaylightSavings>false</tds:DaylightSavings>"
        + (tz == null ? "" : "<tds:TimeZone><tt:TZ>" + tz + "</tt:TZ></tds:TimeZone>")
        + (utc == null ? "" : "<tds:UTCDateTime>" + utc + "</tds:UTCDateTime>")
        + "</tds:SetSystemDateAndTime>";
  }

  static final String NOON =
      "<tt:Time><tt:Hour>12</tt:Hour><tt:Minute>0</tt:Minute><tt:Second>0</tt:Second></tt:Time>"
          + "<tt:Date><tt:Year>2030</tt:Year><tt:Month>1</tt:Month><tt:Day>15</tt:Day></tt:Date>";

  @Test
  void setSystemDateAndTimeSetsTheDeviceClockAndZone() {
    assertEquals(
        "env:Sender/ter:NotAuthorized",
        faultPath(as("operator1", "Op3rator-One", setDateTime("Manual", null, NOON))));
    FakeResponse ok =
        as("admin", "Admin12345", setDateTime("Manual", "EST5EDT,M3.2.0,M11.1.0", NOON));
    assertEquals(200, ok.status(), Soap.body(ok));
    assertEquals(Instant.parse("2030-01-15T12:00:00Z"), device.now);
    FakeResponse read = call(null, "<tds:GetSystemDateAndTime/>");
    assertEquals("EST5EDT,M3.2.0,M11.1.0", Soap.text(read, Ns.TT, "TZ"));
    assertEquals(List.of("12", "7"), Soap.texts(read, Ns.TT, "Hour"), "UTC noon, 7:00 in New York");
    assertEquals(
        "env:Sender/ter:InvalidArgVal/ter:InvalidTimeZone",
        faultPath(as("admin", "Admin12345", setDateTime("Manual", "Nowhere/Land", NOON))));
    assertEquals(
        "env:Sender/ter:InvalidArgVal/ter:InvalidDateTime",
        faultPath(
            as("admin", "Admin12345", setDateTime("Manual", null, NOON.replace(">15<", ">32<")))));
    assertEquals(
        "env:Sender/ter:InvalidArgVal/ter:NtpServerUndefined",
        faultPath(as("admin", "Admin12345", setDateTime("NTP", null, null))));
    assertEquals(Instant.parse("2030-01-15T12:00:00Z"), device.now, "faults change nothing");
    assertEquals(200, as("admin", "Admin12345", setDateTime("Manual", "CST-8", NOON)).status());
    assertEquals(java.time.ZoneOffset.ofHours(8), device.zone);
    assertEquals("CST-8", Soap.text(call(null, "<tds:GetSystemDateAndTime/>"), Ns.TT, "TZ"));
  }

  static String user(String name, String pw, String level) {
    return "<tds:User><tt:Username>"
        + name
        + "</tt:Username><tt:Password>"
        + pw
        + "</tt:Password><tt:UserLevel>"
        + level
        + "</tt:UserLevel></tds:User>";
  }

  static String sample(String name) throws Exception {
    return new String(
        java.nio.file.Files.readAllBytes(OnvifSchemas.dirOrSkip().resolve("samples").resolve(name)),
        StandardCharsets.UTF_8);
  }
}
