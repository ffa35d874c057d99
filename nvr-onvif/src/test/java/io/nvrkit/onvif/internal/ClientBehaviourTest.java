package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.ViolationCode;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.DriverProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientBehaviourTest {
  static final DeviceEndpoint EP = DeviceEndpoint.of("http://127.0.0.1:8080");
  static final PasswordPolicy ANY = PasswordPolicy.builder("test").minLength(1).build();
  static final Credentials ADMIN = Credentials.of("admin", Secret.of("Admin12345"));

  static OnvifClient connect(TestEnv t) {
    return OnvifClient.connect(EP, ADMIN, ConnectOptions.defaults(), t.env(), ANY);
  }

  static XmlElement token(byte[] body) throws Exception {
    return SafeXml.parse(body)
        .child(Ns.ENV, "Header")
        .flatMap(h -> h.child(Ns.WSSE, "Security"))
        .flatMap(s -> s.child(Ns.WSSE, "UsernameToken"))
        .orElse(null);
  }

  @Test
  void connectAndIdentityCostThreePlusThreeRoundTripsAndCarryProvenance() {
    TestEnv t = new TestEnv();
    try (OnvifClient c = connect(t)) {
      assertEquals(3, c.roundTrips());
      ScriptedHttp h = t.transports.get(0);
      // GetSystemDateAndTime and GetServices overlap; GetDeviceInformation comes after both
      assertEquals(
          List.of("GetServices", "GetSystemDateAndTime"),
          h.operations().subList(0, 2).stream().sorted().toList());
      assertEquals("GetDeviceInformation", h.operations().get(2));
      DeviceIdentity id = c.identity();
      assertEquals(5, c.roundTrips());
      assertEquals("ExampleVendor", id.vendor().orElseThrow());
      assertEquals("NVR-1608", id.model().orElseThrow());
      assertEquals("NVR16082021CCRRF12345678", id.serial().orElseThrow());
      assertEquals("44:19:b6:12:34:56", id.mac().orElseThrow());
      assertEquals("nvr-lobby", id.value(IdentityField.MACHINE_NAME).orElseThrow());
      assertEquals(Provenance.NETWORK_AUTHENTICATED, id.provenance(IdentityField.MODEL).get());
      assertEquals(
          Provenance.NOT_READABLE_FROM_DEVICE, id.provenance(IdentityField.DEVICE_ID).get());
      assertEquals(LocalDateTime.parse("2024-05-01T12:00:07"), id.deviceDateTime().get());
      assertEquals("+08:00", id.value(IdentityField.DEVICE_ZONE).orElseThrow());
      assertEquals(
          Duration.between(
              Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2024-05-01T04:00:07Z")),
          id.clockSkew().orElseThrow());
    }
  }

  @Test
  void scopesFillWhatDeviceInformationAndInterfacesLack() {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetDeviceInformation",
                        Fixtures.envelope(
                            "<tds:GetDeviceInformationResponse><tds:Manufacturer>V</tds:Manufacturer>"
                                + "<tds:Model></tds:Model><tds:FirmwareVersion>1</tds:FirmwareVersion>"
                                + "<tds:SerialNumber>S1</tds:SerialNumber><tds:HardwareId>h</tds:HardwareId>"
                                + "</tds:GetDeviceInformationResponse>")));
    try (OnvifClient c = connect(t)) {
      assertEquals("NVR-1608", c.identity().model().orElseThrow());
      assertTrue(t.transports.get(0).operations().contains("GetScopes"));
    }
  }

  @Test
  void tokensAreCreatedOnTheDeviceClockNotTheLocalOne() throws Exception {
    TestEnv t = new TestEnv();
    try (OnvifClient c = connect(t)) {
      t.nanos.addAndGet(Duration.ofSeconds(90).toNanos()); // monotonic time passes
      c.users();
      ScriptedHttp h = t.transports.get(0);
      XmlElement tok = token(h.bodies.get(h.bodies.size() - 1));
      assertEquals("2024-05-01T04:01:37.000Z", tok.childText(Ns.WSU, "Created").get());
      assertNull(token(h.bodies.get(0)), "GetSystemDateAndTime is sent anonymously");
      assertNull(h.requests.get(0).credentials());
    }
  }

  @Test
  void deviceThatDemandsCredentialsForTheClockGetsThemOnce() {
    AtomicInteger anon = new AtomicInteger();
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetSystemDateAndTime",
                        r -> {
                          String body = new String(r.body(), StandardCharsets.UTF_8);
                          if (!body.contains("UsernameToken")) {
                            anon.incrementAndGet();
                            return ScriptedHttp.soap(400, Fixtures.NOT_AUTHORIZED);
                          }
                          return ScriptedHttp.soap(200, Fixtures.GET_SYSTEM_DATE_AND_TIME);
                        }));
    try (OnvifClient c = connect(t)) {
      assertEquals(1, anon.get());
      assertEquals(
          List.of(
              "GetDeviceInformation",
              "GetServices",
              "GetSystemDateAndTime",
              "GetSystemDateAndTime"),
          t.transports.get(0).operations().stream().sorted().toList());
      assertTrue(c.session().clock().known());
    }
  }

  @Test
  void digestOnlyDeviceGetsHttpCredentialsAndNoWsHeader() throws Exception {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetServices",
                        Fixtures.getServices("UsernameToken=\"false\" HttpDigest=\"true\"")));
    try (OnvifClient c = connect(t)) {
      ScriptedHttp h = t.transports.get(0);
      assertEquals(OnvifSession.AuthMode.HTTP, c.session().mode());
      assertNull(token(h.bodies.get(2)));
      assertEquals("admin", h.requests.get(2).credentials().user());
    }
  }

  @Test
  void aDigestChallengeToAUsernameTokenRequestSwitchesToDigestOnce() throws Exception {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetDeviceInformation",
                        r ->
                            r.credentials() == null
                                ? new DeviceHttpResponse(
                                    401,
                                    Map.of(
                                        "www-authenticate",
                                        List.of(
                                            "Digest realm=\"x\", nonce=\"n\", qop=\"auth\"",
                                            "Digest realm=\"x\", nonce=\"n\", qop=\"auth\","
                                                + " algorithm=SHA-256")),
                                    new byte[0])
                                : ScriptedHttp.soap(200, Fixtures.GET_DEVICE_INFORMATION)));
    try (OnvifClient c = connect(t)) {
      ScriptedHttp h = t.transports.get(0);
      assertEquals(OnvifSession.AuthMode.HTTP, c.session().mode());
      assertEquals(4, h.requests.size());
      assertNull(token(h.bodies.get(3)), "never both WS and HTTP authentication");
    }
  }

  @Test
  void wrongPasswordIsNeverRetriedAndTheBudgetStopsFurtherAttempts() {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetDeviceInformation",
                        r -> ScriptedHttp.soap(400, Fixtures.NOT_AUTHORIZED)));
    AuthenticationFailedException first =
        assertThrows(AuthenticationFailedException.class, () -> connect(t));
    assertEquals(1, first.remainingAttempts().getAsInt());
    assertEquals(
        1,
        t.transports.get(0).operations().stream().filter("GetDeviceInformation"::equals).count());
    assertThrows(AuthenticationFailedException.class, () -> connect(t));
    AuthenticationFailedException refused =
        assertThrows(AuthenticationFailedException.class, () -> connect(t));
    assertEquals(0, refused.remainingAttempts().getAsInt());
    assertFalse(
        t.transports.get(2).operations().contains("GetDeviceInformation"),
        "the last attempt is never spent");
  }

  @Test
  void notAuthorizedAfterSuccessRelearnsTheClockOnceAndRetriesOnlyIfItMoved() {
    AtomicInteger users = new AtomicInteger();
    Instant[] deviceNow = {Instant.parse("2024-05-01T04:00:07Z")};
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetSystemDateAndTime",
                        r -> ScriptedHttp.soap(200, Fixtures.systemDateAndTime(deviceNow[0])))
                    .on(
                        "GetUsers",
                        r ->
                            users.incrementAndGet() == 1
                                ? ScriptedHttp.soap(400, Fixtures.NOT_AUTHORIZED)
                                : ScriptedHttp.soap(200, Fixtures.GET_USERS)));
    try (OnvifClient c = connect(t)) {
      deviceNow[0] = deviceNow[0].plus(Duration.ofHours(5)); // device rebooted, clock jumped
      assertEquals(3, c.users().size());
      assertEquals(2, users.get());
      List<String> ops = t.transports.get(0).operations();
      assertEquals(
          List.of("GetUsers", "GetSystemDateAndTime", "GetUsers"),
          ops.subList(ops.size() - 3, ops.size()));
    }
    // clock did not move: a privilege refusal or a password changed elsewhere: not retried, and
    // counted as a failed login, since the device may have counted it
    TestEnv t2 =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on("GetUsers", r -> ScriptedHttp.soap(400, Fixtures.NOT_AUTHORIZED)));
    try (OnvifClient c = connect(t2)) {
      DeviceRejectedException e = assertThrows(DeviceRejectedException.class, c::users);
      assertEquals("ter:NotAuthorized", e.vendorCode().get());
      assertEquals(
          1, t2.transports.get(0).operations().stream().filter("GetUsers"::equals).count());
      assertEquals(1, t2.guard.remaining(EP.key(), "admin", OnvifSession.DEFAULT_BUDGET));
    }
  }

  @Test
  void changingTheOwnPasswordIsVerifiedWithAFreshLoginAndSwitchesTheSession() throws Exception {
    TestEnv t = new TestEnv();
    try (OnvifClient c = connect(t)) {
      long before = c.roundTrips();
      PasswordChangeResult ch =
          c.changePassword(
              PasswordChangeRequest.builder(Secret.of("N3w&<Pass>")).policy(ANY).build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
      assertEquals(3, ch.roundTrips());
      assertEquals(2, c.roundTrips() - before); // GetUsers + SetUser; verification: own transport
      ScriptedHttp main = t.transports.get(0);
      String setUser = new String(main.bodies.get(main.bodies.size() - 1), StandardCharsets.UTF_8);
      assertTrue(setUser.contains("<tt:Password>N3w&amp;&lt;Pass&gt;</tt:Password>"));
      assertTrue(setUser.contains("<tt:UserLevel>Administrator</tt:UserLevel>"));
      assertTrue(main.requests.get(main.requests.size() - 1).carriesNewSecret());
      ScriptedHttp verify = t.transports.get(1);
      assertEquals(List.of("GetDeviceInformation"), verify.operations());
      assertTrue(c.session().credentials().secret().equals(Secret.of("N3w&<Pass>")));
    }
  }

  @Test
  void passwordsBeyondTheAdvertisedLimitAreRefusedBeforeAnythingIsSent() {
    TestEnv t = new TestEnv();
    try (OnvifClient c = connect(t)) {
      int sent = t.transports.get(0).requests.size();
      PolicyViolationException e =
          assertThrows(
              PolicyViolationException.class,
              () ->
                  c.changePassword(
                      PasswordChangeRequest.builder(Secret.of("x".repeat(17)))
                          .policy(ANY)
                          .build()));
      assertTrue(e.report().has(ViolationCode.TOO_LONG));
      assertThrows(
          PolicyViolationException.class,
          () ->
              c.changePassword(
                  PasswordChangeRequest.builder(Secret.of("ab\u0001c")).policy(ANY).build()));
      assertThrows(
          PolicyViolationException.class,
          () ->
              c.changePassword(
                  PasswordChangeRequest.builder(Secret.of("short"))
                      .policy(io.nvrkit.onvif.OnvifDriver.defaultOnvifPolicy())
                      .build()));
      assertEquals(sent, t.transports.get(0).requests.size());
    }
  }

  @Test
  void setUserFaultsAreTyped() {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "SetUser",
                        r ->
                            ScriptedHttp.soap(
                                400,
                                Fixtures.fault(
                                    "env:Sender", "ter:InvalidArgVal", "ter:FixedUser"))));
    try (OnvifClient c = connect(t)) {
      DeviceRejectedException e =
          assertThrows(
              DeviceRejectedException.class,
              () ->
                  c.changePassword(
                      PasswordChangeRequest.builder(Secret.of("Abc12345!")).policy(ANY).build()));
      assertEquals("ter:FixedUser", e.vendorCode().get());
      assertEquals("admin", c.session().credentials().user());
      assertTrue(c.session().credentials().secret().equals(Secret.of("Admin12345")));
    }
  }

  @Test
  void aLostAnswerIsResolvedByTryingTheNewPassword() {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "SetUser",
                        r -> {
                          throw new DeviceUnreachableException("connection reset");
                        }));
    try (OnvifClient c = connect(t)) {
      PasswordChangeResult ch =
          c.changePassword(
              PasswordChangeRequest.builder(Secret.of("Abc12345!")).policy(ANY).build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
    }
  }

  @Test
  void unknownTargetUserIsRefusedWithoutSendingSetUser() {
    TestEnv t = new TestEnv();
    try (OnvifClient c = connect(t)) {
      DeviceRejectedException e =
          assertThrows(
              DeviceRejectedException.class,
              () ->
                  c.changePassword(
                      PasswordChangeRequest.builder(Secret.of("Abc12345!"))
                          .targetUser("ghost")
                          .policy(ANY)
                          .build()));
      assertEquals("ter:UsernameMissing", e.vendorCode().get());
      assertFalse(t.transports.get(0).operations().contains("SetUser"));
    }
  }

  @Test
  void nonSoapAnswersAreProtocolErrors() {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetUsers",
                        r ->
                            new DeviceHttpResponse(
                                200,
                                Map.of("content-type", List.of("text/html")),
                                "<html>login</html>".getBytes(StandardCharsets.UTF_8)))
                    .on(
                        "GetHostname",
                        "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'>"
                            + "<s:Body/></s:Envelope>"));
    try (OnvifClient c = connect(t)) {
      ProtocolException e = assertThrows(ProtocolException.class, c::users);
      assertFalse(e.getMessage().contains("login"));
      // SOAP 1.1 even in an optional read is a protocol error, not a missing field
      assertThrows(ProtocolException.class, c::identity);
    }
  }

  @Test
  void probeSendsNoCredentialsAndReadsWhatIsPublic() throws Exception {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetDeviceInformation",
                        r -> ScriptedHttp.soap(400, Fixtures.NOT_AUTHORIZED))
                    .on("GetScopes", r -> ScriptedHttp.soap(400, Fixtures.NOT_AUTHORIZED)));
    DriverProbe p = OnvifProbe.probe(EP, ConnectOptions.defaults(), t.env());
    assertTrue(p.recognised());
    assertEquals("nvr-lobby", p.identity().value(IdentityField.MACHINE_NAME).get());
    assertEquals(
        Provenance.NETWORK_PRE_AUTH, p.identity().provenance(IdentityField.DEVICE_DATE_TIME).get());
    assertTrue(p.identity().model().isEmpty());
    for (int i = 0; i < t.transports.get(0).bodies.size(); i++) {
      assertNull(token(t.transports.get(0).bodies.get(i)));
      assertNull(t.transports.get(0).requests.get(i).credentials());
    }
    TestEnv notOnvif =
        new TestEnv(
            e ->
                new ScriptedHttp(e)
                    .on(
                        "GetSystemDateAndTime",
                        r ->
                            new DeviceHttpResponse(
                                404, Map.of("content-type", List.of("text/html")), new byte[1])));
    assertFalse(OnvifProbe.probe(EP, ConnectOptions.defaults(), notOnvif.env()).recognised());
    assertEquals(1, notOnvif.transports.get(0).requests.size());
  }

  @Test
  void aBasicOnlyChallengeIsNotCountedAsAFailedLogin() {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetDeviceInformation",
                        r ->
                            new DeviceHttpResponse(
                                401,
                                Map.of("www-authenticate", List.of("Basic realm=\"cam\"")),
                                new byte[0])));
    ProtocolException e = assertThrows(ProtocolException.class, () -> connect(t));
    assertTrue(e.getMessage().contains("allowBasicAuth"));
    assertEquals(2, t.guard.remaining(EP.key(), "admin", OnvifSession.DEFAULT_BUDGET));
  }

  @Test
  void emptyUserListIsAnEmptyList() {
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on("GetUsers", Fixtures.envelope("<tds:GetUsersResponse/>")));
    try (OnvifClient c = connect(t)) {
      assertEquals(List.of(), c.users());
    }
  }
}
