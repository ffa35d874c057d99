package io.nvrkit.lorex.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.lorex.LorexPasswordPolicies;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Password changes over the CGI: what reaches the device, and what never does. */
class ChangeWireTest {
  static final String MODIFY = "/cgi-bin/userManager.cgi\\?action=modifyPassword.*";

  @RegisterExtension
  WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  DahuaStubs stubs;
  LorexDriverCore core;

  @BeforeEach
  void setUp() {
    stubs = new DahuaStubs(wm);
    core = DahuaStubs.core(DahuaStubs.freshGuard());
    stubs.general();
  }

  private void modifyAnswers(String body) {
    wm.stubFor(
        get(urlMatching(MODIFY))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .willReturn(aResponse().withStatus(200).withBody(body)));
    wm.stubFor(
        get(urlMatching(MODIFY))
            .atPriority(2)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", DahuaStubs.CHALLENGE_COMMA_ONLY)));
  }

  private NvrClient connect() {
    return core.connect(stubs.endpoint(), DahuaStubs.admin("Old-pass12"), DahuaStubs.fastOptions());
  }

  private List<LoggedRequest> modifyRequests() {
    return wm.findAll(
        getRequestedFor(urlMatching(MODIFY)).withHeader("Authorization", matching(".*")));
  }

  @Test
  void changeIsVerifiedByAFreshLoginAndListsFollowUps() {
    modifyAnswers("OK\r\n");
    try (NvrClient c = connect()) {
      long generalBefore = wm.findAll(getRequestedFor(urlMatching(".*name=General"))).size();
      PasswordChangeResult ch =
          c.changePassword(
              PasswordChangeRequest.builder(Secret.of("Blue-Harbor-7319-Kite")).build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
      assertEquals("admin", ch.user());
      assertTrue(ch.roundTrips() >= 2, "change + fresh login");
      assertTrue(ch.followUps().stream().anyMatch(f -> f.where().contains("Lorex mobile app")));
      assertTrue(ch.followUps().stream().anyMatch(f -> f.where().contains("VMS")));
      assertTrue(ch.followUps().stream().anyMatch(f -> f.where().contains("Cameras")));
      assertTrue(
          wm.findAll(getRequestedFor(urlMatching(".*name=General"))).size() > generalBefore,
          "verification logged in again");
    }
    Map<String, String> got = CgiQueryTest.firmwareDecode(modifyRequests().get(0).getUrl());
    assertEquals("admin", got.get("name"));
    assertEquals("Blue-Harbor-7319-Kite", got.get("pwd"));
    assertEquals("Old-pass12", got.get("pwdOld"));
  }

  @Test
  void everyPrintableAsciiCharacterTheFirmwareAcceptsArrivesIntact() {
    modifyAnswers("OK\r\n");
    String forbidden = "'\";:&";
    try (NvrClient c = connect()) {
      for (char ch = 0x21; ch < 0x7f; ch++) {
        if (forbidden.indexOf(ch) >= 0) {
          continue;
        }
        String pw = "Kx7" + ch + "mQ2" + ch + "vR9w";
        wm.resetRequests();
        c.changePassword(
            PasswordChangeRequest.builder(Secret.of(pw))
                .policy(LorexPasswordPolicies.firmwareLimits())
                .oldPassword(Secret.of("Old-pass12"))
                .verify(false)
                .build());
        String url = modifyRequests().get(0).getUrl();
        assertEquals(
            pw, CgiQueryTest.firmwareDecode(url).get("pwd"), "char 0x" + Integer.toHexString(ch));
        assertFalse(url.contains("+"), "no '+' for 0x" + Integer.toHexString(ch));
      }
    }
  }

  @Test
  void ampersandAndPolicyViolationsAreRefusedBeforeSending() {
    modifyAnswers("OK\r\n");
    try (NvrClient c = connect()) {
      assertThrows(
          PolicyViolationException.class,
          () ->
              c.changePassword(
                  PasswordChangeRequest.builder(Secret.of("Tr0ub4dor&3-Harbor"))
                      .policy(PasswordPolicy.builder("none").build())
                      .build()));
      PolicyViolationException weak =
          assertThrows(
              PolicyViolationException.class,
              () ->
                  c.changePassword(
                      PasswordChangeRequest.builder(Secret.of("Password123!")).build()));
      assertFalse(weak.getMessage().contains("Password123"));
    }
    assertEquals(0, modifyRequests().size(), "nothing sent");
  }

  @Test
  void badRequestIsDeviceRejectedWithCode() {
    modifyAnswers("Error\r\nBad Request!\r\n");
    wm.stubFor(
        get(urlMatching(MODIFY))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .willReturn(aResponse().withStatus(400).withBody("Error\r\nBad Request!\r\n")));
    try (NvrClient c = connect()) {
      DeviceRejectedException e =
          assertThrows(
              DeviceRejectedException.class,
              () ->
                  c.changePassword(
                      PasswordChangeRequest.builder(Secret.of("Blue-Harbor-7319-Kite")).build()));
      assertEquals("400", e.vendorCode().orElseThrow());
      assertEquals(OptionalInt.of(400), e.httpStatus());
    }
  }

  @Test
  void anErrorBodyInA200AnswerIsARefusalWithoutAnHttpStatus() {
    modifyAnswers("Error\r\n");
    try (NvrClient c = connect()) {
      DeviceRejectedException e =
          assertThrows(
              DeviceRejectedException.class,
              () ->
                  c.changePassword(
                      PasswordChangeRequest.builder(Secret.of("Blue-Harbor-7319-Kite")).build()));
      assertEquals("Error", e.vendorCode().orElseThrow());
      assertEquals(OptionalInt.empty(), e.httpStatus());
    }
  }

  @Test
  void lostAnswerIsResolvedByLoggingInWithTheNewPassword() {
    wm.stubFor(
        get(urlMatching(MODIFY))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(urlMatching(MODIFY))
            .atPriority(2)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", DahuaStubs.CHALLENGE_COMMA_ONLY)));
    try (NvrClient c = connect()) {
      PasswordChangeResult ch =
          c.changePassword(
              PasswordChangeRequest.builder(Secret.of("Blue-Harbor-7319-Kite")).build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
    }
  }
}
