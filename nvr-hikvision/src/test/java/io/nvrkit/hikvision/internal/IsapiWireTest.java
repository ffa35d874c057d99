package io.nvrkit.hikvision.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.LoginBudgetExhaustedException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.ViolationCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ISAPI client against WireMock replays of real firmware bodies and a Digest-checking stub. */
class IsapiWireTest {
  static final String OLD = "Old-Pass-4821";
  static final String NEW = "Tq7#vKp2!mZ9xR4w";

  @RegisterExtension
  WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  IsapiStubs stubs;
  IsapiTransport.Factory factory;
  HikvisionDriverCore core;

  @BeforeEach
  void setUp() {
    stubs = new IsapiStubs(wm);
    factory = IsapiStubs.isolated();
    core = IsapiStubs.core(factory);
  }

  private NvrClient connect(String pw) {
    return core.connect(stubs.endpoint(), IsapiStubs.admin(pw), IsapiStubs.fastOptions());
  }

  private long credentialed(String path) {
    return wm.findAll(
            getRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", matching("Digest .*")))
        .size();
  }

  @Test
  void identityReadsDeviceInfoAndTheDisplayedTimeWithProvenance() {
    stubs.nvr(OLD);
    try (NvrClient c = connect(OLD)) {
      DeviceIdentity id = c.identity();
      assertEquals("DS-7608NXI-I2/8P/S", id.model().orElseThrow());
      assertEquals(Bodies.NVR_SERIAL, id.serial().orElseThrow());
      assertEquals("484a3831-3130-0000-0000-000c0000f00e", id.deviceId().orElseThrow());
      assertEquals("a6:63:9e:f8:01:09", id.mac().orElseThrow());
      assertEquals("V4.62.210", id.firmware().orElseThrow());
      assertEquals("2024-08-26", id.value(IdentityField.FIRMWARE_BUILD).orElseThrow());
      assertEquals("Network Video Recorder", id.value(IdentityField.MACHINE_NAME).orElseThrow());
      assertEquals("Hikvision", id.vendor().orElseThrow());
      assertEquals("2026-07-01T08:10:11", id.deviceDateTime().orElseThrow().toString());
      // US Eastern in July: the offset in force, DST included
      assertEquals("-04:00", id.value(IdentityField.DEVICE_ZONE).orElseThrow());
      assertEquals(
          Provenance.NETWORK_AUTHENTICATED, id.provenance(IdentityField.SERIAL).orElseThrow());
      assertTrue(id.clockSkew().isPresent());
    }
  }

  @Test
  void usersMapLevelsAndTheBuiltInAdmin() {
    stubs.nvr(OLD);
    try (NvrClient c = connect(OLD)) {
      List<UserAccount> users = c.users();
      assertEquals(3, users.size());
      assertEquals(
          new UserAccount("admin", AccountLevel.ADMINISTRATOR, "Administrator", true),
          users.get(0));
      assertEquals(AccountLevel.OPERATOR, users.get(1).level());
      assertEquals(AccountLevel.USER, users.get(2).level());
      assertFalse(users.get(2).builtIn());
    }
  }

  /** Stubs for a change: userCheck and the PUT bound to the device's password state. */
  private void changeableNvr() {
    stubs.authed("GET", "/ISAPI/Security/illegalLoginLock", OLD, 200, Bodies.ILLEGAL_LOGIN_LOCK);
    stubs.authed("GET", "/ISAPI/Security/users", OLD, 200, Bodies.USER_LIST);
    stubs.authed("GET", "/ISAPI/Security/users", NEW, 200, Bodies.USER_LIST);
    stubs.authed(
        "GET",
        "/ISAPI/Security/userCheck",
        OLD,
        IsapiStubs.STARTED,
        null,
        IsapiStubs.xml(200, Bodies.USERCHECK_200));
    stubs.authed(
        "GET",
        "/ISAPI/Security/userCheck",
        NEW,
        "changed",
        null,
        IsapiStubs.xml(200, Bodies.USERCHECK_200));
    wm.stubFor(
        put(urlPathEqualTo("/ISAPI/Security/users/1"))
            .atPriority(1)
            .andMatching(new IsapiStubs.DigestMatcher("admin", OLD))
            .withRequestBody(containing("<loginPassword>" + OLD + "</loginPassword>"))
            .withRequestBody(containing("<password>" + NEW + "</password>"))
            .withRequestBody(containing("xmlns=\"" + Bodies.ISAPI_NS + "\""))
            .inScenario(IsapiStubs.SCENARIO)
            .whenScenarioStateIs(IsapiStubs.STARTED)
            .willSetStateTo("changed")
            .willReturn(IsapiStubs.xml(200, Bodies.OK)));
    stubs.refuseOthers(Bodies.userCheck401(4));
  }

  @Test
  void changeIsVerifiedNewWorksAndOldIsRefusedByExactlyOneUserCheck() {
    changeableNvr();
    try (NvrClient c = connect(OLD)) {
      PasswordChangeResult ch =
          c.changePassword(PasswordChangeRequest.builder(Secret.of(NEW)).build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
      assertEquals("admin", ch.user());
      assertFalse(ch.followUps().isEmpty());
      assertEquals(
          1, wm.findAll(putRequestedFor(urlPathEqualTo("/ISAPI/Security/users/1"))).size());
      // one userCheck with the old password (refused) and one with the new (accepted)
      assertEquals(2, credentialed("/ISAPI/Security/userCheck"));
      long refused =
          wm.getAllServeEvents().stream()
              .filter(e -> e.getRequest().containsHeader("Authorization"))
              .filter(e -> e.getResponse().getStatus() == 401)
              .count();
      assertEquals(1, refused, "exactly one failed login spent");
      // the session now uses the new password
      assertEquals(3, c.users().size());
    }
  }

  @Test
  void riskyPasswordIsRefusedBeforeAnythingIsSent() {
    changeableNvr();
    try (NvrClient c = connect(OLD)) {
      for (String risky :
          List.of("admin", "nimdaNIMDA", "12345678", "Short1!", "Seventeen-chars-1x")) {
        PolicyViolationException e =
            assertThrows(
                PolicyViolationException.class,
                () ->
                    c.changePassword(
                        PasswordChangeRequest.builder(Secret.of(risky))
                            .policy(io.nvrkit.core.policy.PasswordPolicy.builder("none").build())
                            .build()));
        assertFalse(e.report().passed());
      }
      PolicyViolationException mirrored =
          assertThrows(
              PolicyViolationException.class,
              () ->
                  c.changePassword(PasswordChangeRequest.builder(Secret.of("nimda2024")).build()));
      assertTrue(mirrored.report().has(ViolationCode.CONTAINS_PERSONAL_INFO));
    }
    assertEquals(0, wm.findAll(putRequestedFor(anyUrl())).size());
  }

  @Test
  void wrongPasswordReadsRetriesLeftAndNeverSpendsTheLastAttempt() {
    stubs.refuseOthers(Bodies.userCheck401(1));
    AuthenticationFailedException e =
        assertThrows(AuthenticationFailedException.class, () -> connect("wrong-password-1"));
    assertEquals(0, e.remainingAttempts().orElseThrow());
    // the device said one attempt is left: that one is kept in reserve, nothing is sent
    assertThrows(LoginBudgetExhaustedException.class, () -> connect("wrong-password-2"));
    assertEquals(
        1,
        wm.findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", matching(".+"))).size());
  }

  @Test
  void lockedIpGivesTheUnlockTimeAndStopsSending() {
    stubs.refuseOthers(Bodies.USERCHECK_401_LOCKED);
    Instant before = Instant.now();
    AccountLockedException e = assertThrows(AccountLockedException.class, () -> connect(OLD));
    Instant until = e.retryAfter().orElseThrow();
    assertTrue(
        !until.isBefore(before.plusSeconds(210)) && until.isBefore(Instant.now().plusSeconds(211)));
    assertThrows(AccountLockedException.class, () -> connect(OLD));
    assertEquals(
        1,
        wm.findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", matching(".+"))).size());
  }

  @Test
  void budgetFollowsTheDevicesLockSettingsAndIsPerIpForEveryUser() {
    stubs.nvr(OLD);
    connect(OLD).close();
    // maxIllegalLoginTimes 5 → 4 failures allowed towards this device, whichever user
    assertEquals(4, factory.remaining(stubs.endpoint(), IsapiStubs.fastOptions()));
    stubs.refuseOthers(Bodies.userCheck401(4));
    assertThrows(
        AuthenticationFailedException.class,
        () ->
            core.connect(
                stubs.endpoint(),
                io.nvrkit.core.Credentials.of("ops", Secret.of("x-wrong-1")),
                IsapiStubs.fastOptions()));
    assertEquals(3, factory.remaining(stubs.endpoint(), IsapiStubs.fastOptions()));
  }

  @Test
  void builtInAdminCannotBeDeletedAndNothingIsSent() {
    stubs.nvr(OLD);
    try (NvrClient c = connect(OLD)) {
      DeviceRejectedException e =
          assertThrows(DeviceRejectedException.class, () -> c.deleteUser("admin"));
      assertEquals("built-in", e.vendorCode().orElseThrow());
    }
    assertEquals(0, wm.findAll(deleteRequestedFor(anyUrl())).size());
  }

  @Test
  void deviceRefusalsKeepTheirCodes() {
    changeableNvr();
    wm.stubFor(
        put(urlPathEqualTo("/ISAPI/Security/users/1"))
            .atPriority(0)
            .willReturn(
                IsapiStubs.xml(400, Bodies.status(6, "Invalid XML Content", "badParameters"))));
    try (NvrClient c = connect(OLD)) {
      DeviceRejectedException e =
          assertThrows(
              DeviceRejectedException.class,
              () -> c.changePassword(PasswordChangeRequest.builder(Secret.of(NEW)).build()));
      assertEquals("6/badParameters", e.vendorCode().orElseThrow());
      assertEquals(java.util.OptionalInt.of(400), e.httpStatus());
    }
  }

  @Test
  void notSupportIsNotSupported() {
    stubs.nvr(OLD);
    wm.stubFor(
        get(urlPathEqualTo("/ISAPI/Security/users"))
            .atPriority(0)
            .willReturn(IsapiStubs.xml(403, Bodies.status(4, "Invalid Operation", "notSupport"))));
    try (NvrClient c = connect(OLD)) {
      assertThrows(NotSupportedException.class, c::users);
    }
  }

  @Test
  void basicIsNeverSentEvenWhenOffered() {
    wm.stubFor(
        get(anyUrl())
            .atPriority(9)
            .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.absent())
            .willReturn(
                IsapiStubs.xml(401, Bodies.userCheck401(5))
                    .withHeader("WWW-Authenticate", IsapiStubs.CHALLENGE)
                    .withHeader("WWW-Authenticate", "Basic realm=\"c504892f438ee5f2114e9fdd\"")));
    stubs.nvr(OLD);
    try (NvrClient c = connect(OLD)) {
      c.identity();
    }
    for (ServeEvent e : wm.getAllServeEvents()) {
      String h = e.getRequest().getHeader("Authorization");
      assertTrue(h == null || h.startsWith("Digest "), "only Digest is sent");
    }
  }

  @Test
  void probeRecognisesActivateStatusWithoutCredentials() {
    wm.stubFor(
        get(urlPathEqualTo("/SDK/activateStatus"))
            .atPriority(0)
            .willReturn(IsapiStubs.xml(200, Bodies.ACTIVATED)));
    assertTrue(core.probe(stubs.endpoint(), IsapiStubs.fastOptions()).recognised());
    assertEquals(
        0,
        wm.findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", matching(".+"))).size());
  }

  @Test
  void probeFallsBackToTheUserCheck401AndRejectsOtherServers() {
    wm.stubFor(
        get(urlPathEqualTo("/SDK/activateStatus"))
            .atPriority(0)
            .willReturn(aResponse().withStatus(404)));
    assertTrue(core.probe(stubs.endpoint(), IsapiStubs.fastOptions()).recognised());
    wm.resetAll();
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("<html>no</html>")));
    assertFalse(core.probe(stubs.endpoint(), IsapiStubs.fastOptions()).recognised());
  }

  @Test
  void unreadableDeviceInfoIsAProtocolError() {
    stubs.nvr(OLD);
    wm.stubFor(
        get(urlPathEqualTo("/ISAPI/System/deviceInfo"))
            .atPriority(0)
            .willReturn(
                IsapiStubs.xml(
                    200,
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><DeviceInfo>&e;</DeviceInfo>")));
    try (NvrClient c = connect(OLD)) {
      assertThrows(io.nvrkit.core.ProtocolException.class, c::identity);
    }
  }

  @Test
  void aHundredWrongConnectsNeverLockTheIp() {
    stubs.refuseOthers(Bodies.userCheck401(4));
    int refusedLocally = 0;
    for (int i = 0; i < 100; i++) {
      try {
        connect("wrong-" + i).close();
      } catch (LoginBudgetExhaustedException e) {
        refusedLocally++;
      } catch (AuthenticationFailedException e) {
        // reached the device
      }
    }
    long sent =
        wm.findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", matching(".+"))).size();
    assertEquals(IsapiTransport.UNKNOWN_BUDGET, sent, "the device's threshold is never reached");
    assertEquals(100 - IsapiTransport.UNKNOWN_BUDGET, refusedLocally);
  }

  @Test
  void activationStateIsReadWithoutCredentials() {
    wm.stubFor(
        get(urlPathEqualTo("/SDK/activateStatus"))
            .atPriority(0)
            .willReturn(
                IsapiStubs.xml(
                    200, "<ActivateStatus><Activated>false</Activated></ActivateStatus>")));
    assertEquals(
        io.nvrkit.hikvision.HikvisionActivation.State.INACTIVE,
        io.nvrkit.hikvision.HikvisionActivation.status(stubs.endpoint(), IsapiStubs.fastOptions()));
    assertThrows(
        PolicyViolationException.class,
        () ->
            io.nvrkit.hikvision.HikvisionActivation.activate(
                stubs.endpoint(), Secret.of("admin12345"), IsapiStubs.fastOptions()));
    assertThrows(
        NotSupportedException.class,
        () ->
            io.nvrkit.hikvision.HikvisionActivation.activate(
                stubs.endpoint(), Secret.of("Tq7#vKp2!mZ9xR4w"), IsapiStubs.fastOptions()));
  }

  @Test
  void timeoutsAreBounded() {
    stubs.nvr(OLD);
    wm.stubFor(
        get(urlPathEqualTo("/ISAPI/System/deviceInfo"))
            .atPriority(0)
            .willReturn(IsapiStubs.xml(200, Bodies.NVR_DEVICE_INFO).withFixedDelay(6_000)));
    io.nvrkit.core.ConnectOptions quick =
        IsapiStubs.fastOptions().toBuilder()
            .responseTimeout(Duration.ofSeconds(1))
            .totalTimeout(Duration.ofSeconds(2))
            .build();
    try (NvrClient c = core.connect(stubs.endpoint(), IsapiStubs.admin(OLD), quick)) {
      Instant t0 = Instant.now();
      assertThrows(io.nvrkit.core.DeviceUnreachableException.class, c::identity);
      assertTrue(Duration.between(t0, Instant.now()).toMillis() < 5_000);
    }
  }
}
