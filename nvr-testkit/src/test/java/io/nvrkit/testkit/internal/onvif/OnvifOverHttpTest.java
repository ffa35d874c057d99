package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.internal.onvif.OnvifPersonalityTest.user;
import static io.nvrkit.testkit.internal.onvif.Soap.envelope;
import static io.nvrkit.testkit.internal.onvif.Soap.wsse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.OnvifProfile;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ONVIF fake over real HTTP on loopback, driven by the JDK HttpClient (not our ONVIF adapter):
 * every digest and header is computed here from the research notes.
 */
class OnvifOverHttpTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String TER = "{http://www.onvif.org/ver10/error}";
  private static final String ENV = "{http://www.w3.org/2003/05/soap-envelope}";

  static FakeResponse post(FakeNvr nvr, String xml, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(nvr.url().resolve("/onvif/device_service"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/soap+xml; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    List<Map.Entry<String, String>> h = new ArrayList<>();
    r.headers().map().forEach((k, vs) -> vs.forEach(v -> h.add(Map.entry(k, v))));
    return new FakeResponse(r.statusCode(), "", h, r.body());
  }

  private static OnvifProfile.Builder profile() {
    return OnvifProfile.builder().discoveryMaxDelay(Duration.ZERO);
  }

  @Test
  void theResearchNoteDigestVectorAuthenticatesAtThatDeviceTime() throws Exception {
    FakeClock clock =
        FakeClock.fixed(Instant.parse("2024-05-01T12:00:10Z"), ZoneId.of("Asia/Shanghai"));
    try (FakeNvr nvr =
        FakeNvr.onvif()
            .clock(clock)
            .onvifProfile(
                profile().authentication(OnvifProfile.Authentication.USERNAME_TOKEN).build())
            .start()) {
      // onvif.md §1.3/§2.1: nonce 00..0f, Created 2024-05-01T12:00:00.000Z, password Admin12345
      String header =
          "<wsse:Security env:mustUnderstand=\"true\" xmlns:wsse=\""
              + Ns.WSSE
              + "\" xmlns:wsu=\""
              + Ns.WSU
              + "\">"
              + "<wsse:UsernameToken><wsse:Username>admin</wsse:Username>"
              + "<wsse:Password Type=\""
              + Ns.PASSWORD_DIGEST
              + "\">KLbK5kkgoMr9EzQEffFAAl0/YCY=</wsse:Password>"
              + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">AAECAwQFBgcICQoLDA0ODw==</wsse:Nonce>"
              + "<wsu:Created>2024-05-01T12:00:00.000Z</wsu:Created></wsse:UsernameToken></wsse:Security>";
      String xml =
          "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tds=\""
              + Ns.TDS
              + "\">"
              + "<env:Header>"
              + header
              + "</env:Header><env:Body><tds:GetDeviceInformation/></env:Body></env:Envelope>";
      FakeResponse r = post(nvr, xml);
      assertEquals(200, r.status(), Soap.body(r));
      assertTrue(Soap.headers(r, "content-type").get(0).startsWith("application/soap+xml"));
      assertEquals(nvr.identity().vendor(), Soap.text(r, Ns.TDS, "Manufacturer"));
      assertEquals(nvr.identity().serial(), Soap.text(r, Ns.TDS, "SerialNumber"));
      assertEquals(nvr.identity().model(), Soap.text(r, Ns.TDS, "Model"));
      assertEquals(List.of(), OnvifSchemas.validate(r.body()));
      assertEquals("admin", nvr.journal().get(0).user(), "journal knows who called");

      FakeResponse replay = post(nvr, xml);
      assertEquals(400, replay.status());
      assertEquals(List.of(ENV + "Sender", TER + "NotAuthorized"), Soap.faultCodes(replay));

      clock.advance(Duration.ofMinutes(10));
      FakeResponse stale =
          post(nvr, xml.replace("AAECAwQFBgcICQoLDA0ODw==", "AAECAwQFBgcICQoLDA0OEA=="));
      assertEquals(List.of(ENV + "Sender", TER + "NotAuthorized"), Soap.faultCodes(stale));
    }
  }

  @Test
  void clockSkewTokensMustFollowTheDeviceClockFromGetSystemDateAndTime() throws Exception {
    try (FakeNvr nvr =
        FakeNvr.onvif()
            .clock(FakeClock.ticking(Duration.ofHours(-7), ZoneId.of("America/Toronto")))
            .onvifProfile(
                profile().authentication(OnvifProfile.Authentication.USERNAME_TOKEN).build())
            .start()) {
      FakeResponse dt = post(nvr, envelope(null, "<tds:GetSystemDateAndTime/>"));
      assertEquals(200, dt.status());
      assertEquals(List.of(), OnvifSchemas.validate(dt.body()));
      Instant device = deviceUtc(dt);
      long offset = device.getEpochSecond() - Instant.now().getEpochSecond();
      assertTrue(Math.abs(offset + 7 * 3600) < 5, "device is 7 h behind: " + offset);

      FakeResponse hostTime =
          post(nvr, envelope(wsse("admin", "Admin12345", Instant.now()), "<tds:GetUsers/>"));
      assertEquals(400, hostTime.status());
      assertEquals(List.of(ENV + "Sender", TER + "NotAuthorized"), Soap.faultCodes(hostTime));

      Instant created = Instant.now().plusSeconds(offset);
      FakeResponse ok =
          post(nvr, envelope(wsse("admin", "Admin12345", created), "<tds:GetUsers/>"));
      assertEquals(200, ok.status(), Soap.body(ok));
      assertEquals(0, nvr.failedAttempts("admin"), "skew is not a wrong password");

      // fix the device clock over ONVIF: afterwards host-time tokens work
      java.time.LocalDateTime hostUtc =
          java.time.LocalDateTime.ofInstant(Instant.now(), java.time.ZoneOffset.UTC);
      String utc =
          "<tt:Time><tt:Hour>"
              + hostUtc.getHour()
              + "</tt:Hour><tt:Minute>"
              + hostUtc.getMinute()
              + "</tt:Minute><tt:Second>"
              + hostUtc.getSecond()
              + "</tt:Second></tt:Time><tt:Date><tt:Year>"
              + hostUtc.getYear()
              + "</tt:Year><tt:Month>"
              + hostUtc.getMonthValue()
              + "</tt:Month><tt:Day>"
              + hostUtc.getDayOfMonth()
              + "</tt:Day></tt:Date>";
      FakeResponse set =
          post(
              nvr,
              envelope(
                  wsse("admin", "Admin12345", Instant.now().plusSeconds(offset)),
                  OnvifPersonalityTest.setDateTime("Manual", null, utc)));
      assertEquals(200, set.status(), Soap.body(set));
      assertTrue(Duration.between(Instant.now(), nvr.clock().now()).abs().getSeconds() < 5);
      assertEquals(
          200,
          post(nvr, envelope(wsse("admin", "Admin12345", Instant.now()), "<tds:GetUsers/>"))
              .status());
    }
  }

  static Instant deviceUtc(FakeResponse r) {
    var d = Soap.parse(r.body());
    var utc = (org.w3c.dom.Element) d.getElementsByTagNameNS(Ns.TT, "UTCDateTime").item(0);
    java.util.function.Function<String, Integer> f =
        n -> Integer.parseInt(utc.getElementsByTagNameNS(Ns.TT, n).item(0).getTextContent());
    return java.time.LocalDateTime.of(
            f.apply("Year"),
            f.apply("Month"),
            f.apply("Day"),
            f.apply("Hour"),
            f.apply("Minute"),
            f.apply("Second"))
        .toInstant(java.time.ZoneOffset.UTC);
  }

  @Test
  void createUsersIsAllOrNothingAndUsersWorkAtTheirLevel() throws Exception {
    FakeClock clock =
        FakeClock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneId.of("Europe/Paris"));
    try (FakeNvr nvr = FakeNvr.onvif().clock(clock).onvifProfile(profile().build()).start()) {
      String batch =
          "<tds:CreateUsers>"
              + user("op2", "Pass-1234", "Operator")
              + user("admin", "Pass-1234", "User")
              + "</tds:CreateUsers>";
      FakeResponse clash = post(nvr, envelope(wsse("admin", "Admin12345", clock.now()), batch));
      assertEquals(400, clash.status());
      assertEquals(
          List.of(ENV + "Sender", TER + "OperationProhibited", TER + "UsernameClash"),
          Soap.faultCodes(clash));
      assertFalse(nvr.users().stream().anyMatch(u -> u.name().equals("op2")));

      FakeResponse created =
          post(
              nvr,
              envelope(
                  wsse("admin", "Admin12345", clock.now()),
                  "<tds:CreateUsers>"
                      + user("op2", "Pass-1234", "Operator")
                      + "</tds:CreateUsers>"));
      assertEquals(200, created.status());
      assertTrue(nvr.accepts("op2", Secret.of("Pass-1234")));
      assertEquals(
          200,
          post(nvr, envelope(wsse("op2", "Pass-1234", clock.now()), "<tds:GetDeviceInformation/>"))
              .status());
      FakeResponse denied =
          post(nvr, envelope(wsse("op2", "Pass-1234", clock.now()), "<tds:GetUsers/>"));
      assertEquals(List.of(ENV + "Sender", TER + "NotAuthorized"), Soap.faultCodes(denied));

      FakeResponse changed =
          post(
              nvr,
              envelope(
                  wsse("admin", "Admin12345", clock.now()),
                  "<tds:SetUser>" + user("op2", "Other-5678", "Operator") + "</tds:SetUser>"));
      assertEquals(200, changed.status());
      assertEquals(
          400,
          post(nvr, envelope(wsse("op2", "Pass-1234", clock.now()), "<tds:GetDeviceInformation/>"))
              .status());
      FakeResponse deleted =
          post(
              nvr,
              envelope(
                  wsse("admin", "Admin12345", clock.now()),
                  "<tds:DeleteUsers><tds:Username>op2</tds:Username></tds:DeleteUsers>"));
      assertEquals(200, deleted.status());
      assertEquals(
          400,
          post(nvr, envelope(wsse("op2", "Other-5678", clock.now()), "<tds:GetDeviceInformation/>"))
              .status());
    }
  }

  @Test
  void lockoutIsSharedWithTheDeviceState() throws Exception {
    FakeClock clock = FakeClock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneId.of("UTC"));
    try (FakeNvr nvr =
        FakeNvr.onvif()
            .clock(clock)
            .lockout(Lockout.after(3, Duration.ofMinutes(5)))
            .onvifProfile(profile().build())
            .start()) {
      for (int i = 0; i < 3; i++) {
        post(nvr, envelope(wsse("admin", "wrong", clock.now()), "<tds:GetUsers/>"));
      }
      assertTrue(nvr.isLocked("admin"));
      FakeResponse r =
          post(nvr, envelope(wsse("admin", "Admin12345", clock.now()), "<tds:GetUsers/>"));
      assertEquals(List.of(ENV + "Sender", TER + "NotAuthorized"), Soap.faultCodes(r));
      clock.advance(Duration.ofMinutes(6));
      assertEquals(
          200,
          post(nvr, envelope(wsse("admin", "Admin12345", clock.now()), "<tds:GetUsers/>"))
              .status());
    }
  }

  @Test
  void httpDigestOverTheWire() throws Exception {
    try (FakeNvr nvr =
        FakeNvr.onvif()
            .onvifProfile(profile().authentication(OnvifProfile.Authentication.HTTP_DIGEST).build())
            .start()) {
      FakeResponse challenge = post(nvr, envelope(null, "<tds:GetUsers/>"));
      assertEquals(401, challenge.status());
      List<String> www = Soap.headers(challenge, "www-authenticate");
      assertEquals(2, www.size(), www.toString());
      assertTrue(www.get(0).contains("realm=\"Login to " + nvr.identity().serial() + "\""));
      int nc = 0;
      for (String c : www) { // one server nonce for both challenges: each use needs a new nc
        String auth =
            OnvifHttpDigestTest.authorization(
                c, "admin", "Admin12345", String.format(java.util.Locale.ROOT, "%08x", ++nc));
        FakeResponse ok = post(nvr, envelope(null, "<tds:GetUsers/>"), "Authorization", auth);
        assertEquals(200, ok.status(), c);
      }
      FakeResponse ws =
          post(nvr, envelope(wsse("admin", "Admin12345", nvr.clock().now()), "<tds:GetUsers/>"));
      assertEquals(401, ws.status(), "a Digest-only device ignores WS-Security");
    }
  }

  @Test
  void httpLevelErrorsAreNotSoap() throws Exception {
    try (FakeNvr nvr = FakeNvr.onvif().onvifProfile(profile().build()).start()) {
      HttpResponse<String> get =
          HTTP.send(
              HttpRequest.newBuilder(nvr.url().resolve("/onvif/device_service")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(405, get.statusCode());
      HttpResponse<String> json =
          HTTP.send(
              HttpRequest.newBuilder(nvr.url().resolve("/onvif/device_service"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(415, json.statusCode());
      FakeResponse unknown = post(nvr, envelope(null, "<tds:GetWsdlUrl/>"));
      assertEquals(200, unknown.status());
      FakeResponse caps =
          post(
              nvr,
              envelope(
                  null,
                  "<tds:GetServices><tds:IncludeCapability>true</tds:IncludeCapability></tds:GetServices>"));
      URI xaddr = URI.create(Soap.text(caps, Ns.TDS, "XAddr"));
      assertEquals(
          nvr.url().resolve("/onvif/device_service"),
          xaddr,
          "XAddr echoes the host the client used");
      assertTrue(Soap.body(caps).contains("MaxPasswordLength=\"64\""), "lenient rules: 64");
    }
  }

  @Test
  void applyThenDropOnSetUserChangesThePasswordAndLosesTheAnswer() throws Exception {
    FakeClock clock = FakeClock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneId.of("UTC"));
    try (FakeNvr nvr = FakeNvr.onvif().clock(clock).onvifProfile(profile().build()).start()) {
      nvr.faultOnce("SetUser", io.nvrkit.testkit.Fault.applyThenDrop());
      String xml =
          envelope(
              wsse("admin", "Admin12345", clock.now()),
              "<tds:SetUser>"
                  + user("admin", "N3w-Admin-Pass", "Administrator")
                  + "</tds:SetUser>");
      org.junit.jupiter.api.Assertions.assertThrows(
          java.io.IOException.class, () -> post(nvr, xml));
      assertTrue(nvr.accepts("admin", Secret.of("N3w-Admin-Pass")), "applied");
      io.nvrkit.testkit.RecordedRequest change = nvr.journal().get(0);
      assertEquals(io.nvrkit.testkit.DeviceOperation.CHANGE_PASSWORD, change.operation());
      assertEquals("SetUser", change.protocolOperation());
      assertEquals(200, change.status(), "handled");
      org.junit.jupiter.api.Assertions.assertFalse(change.answered(), "the answer was dropped");
    }
  }

  @Test
  void connectionLimitAnswersValidCredentialsWith401() throws Exception {
    try (FakeNvr nvr = FakeNvr.onvif().onvifProfile(profile().build()).start()) {
      nvr.faultOnce(FakeNvr.ANY_OPERATION, io.nvrkit.testkit.Fault.connectionLimit());
      FakeResponse r =
          post(nvr, envelope(wsse("admin", "Admin12345", nvr.clock().now()), "<tds:GetUsers/>"));
      assertEquals(401, r.status());
      assertFalse(Soap.headers(r, "www-authenticate").isEmpty());
    }
  }

  @Test
  void userLevelsOfTheBuilderAreOnvifLevels() throws Exception {
    try (FakeNvr nvr =
        FakeNvr.onvif()
            .reservedUser("admin", "Admin12345", AccountLevel.ADMINISTRATOR)
            .user("viewer", "View-1234", AccountLevel.USER)
            .onvifProfile(profile().build())
            .start()) {
      FakeResponse r =
          post(nvr, envelope(wsse("admin", "Admin12345", nvr.clock().now()), "<tds:GetUsers/>"));
      assertEquals(List.of("Administrator", "User"), Soap.texts(r, Ns.TT, "UserLevel"));
      FakeResponse del =
          post(
              nvr,
              envelope(
                  wsse("admin", "Admin12345", nvr.clock().now()),
                  "<tds:DeleteUsers><tds:Username>admin</tds:Username></tds:DeleteUsers>"));
      assertEquals(
          List.of(ENV + "Sender", TER + "InvalidArgVal", TER + "FixedUser"), Soap.faultCodes(del));
    }
  }
}
