package io.nvrkit.lorex.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.spi.LockoutLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RPC2 path, chosen when the CGI answers 404; the captured Amcrest challenge replayed. */
class Rpc2WireTest {
  static final String REALM = "Login to AMC000N49SSV0M2U46";
  static final String RANDOM = "3734299";

  @RegisterExtension
  WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  LockoutLedger guard;
  LorexDriverCore core;

  @BeforeEach
  void setUp() {
    guard = DahuaStubs.freshGuard();
    core = DahuaStubs.core(guard);
    wm.stubFor(get(urlMatching("/cgi-bin/.*")).willReturn(aResponse().withStatus(404)));
    wm.stubFor(
        post(urlEqualTo("/RPC2_Login"))
            .atPriority(5)
            .withRequestBody(matchingJsonPath("$.params.password", equalTo("")))
            .willReturn(
                okJson(
                    "{\"error\":{\"code\":268632079,\"message\":\"Component error: login challenge!\"},"
                        + "\"id\":1,\"params\":{\"authorization\":\"3339eaa9\",\"encryption\":\"Default\","
                        + "\"mac\":\"3CEF8C6101C0\",\"random\":\""
                        + RANDOM
                        + "\",\"realm\":\""
                        + REALM
                        + "\"},\"result\":false,\"session\":1005027323}")));
    // this firmware has no system.multicall: the client falls back to one call each
    wm.stubFor(
        post(urlEqualTo("/RPC2"))
            .atPriority(9)
            .withRequestBody(matchingJsonPath("$.method", equalTo("system.multicall")))
            .willReturn(
                okJson(
                    "{\"error\":{\"code\":268894210,\"message\":\"Method not found\"},"
                        + "\"result\":false}")));
  }

  /** Computed here independently of the client, from the note's formula. */
  static String expectedHash(String user, String pw) throws Exception {
    MessageDigest md = MessageDigest.getInstance("MD5");
    String ha1 =
        HexFormat.of()
            .formatHex(md.digest((user + ":" + REALM + ":" + pw).getBytes(StandardCharsets.UTF_8)))
            .toUpperCase(Locale.ROOT);
    return HexFormat.of()
        .formatHex(md.digest((user + ":" + RANDOM + ":" + ha1).getBytes(StandardCharsets.UTF_8)))
        .toUpperCase(Locale.ROOT);
  }

  void acceptPassword(String pw) throws Exception {
    wm.stubFor(
        post(urlEqualTo("/RPC2_Login"))
            .atPriority(1)
            .withRequestBody(
                matchingJsonPath("$.params.password", equalTo(expectedHash("admin", pw))))
            .withRequestBody(matchingJsonPath("$.session", equalTo("1005027323")))
            .willReturn(
                okJson(
                    "{\"id\":2,\"params\":{\"keepAliveInterval\":60},\"result\":true,"
                        + "\"session\":\"4f8f2a\"}")));
  }

  void rpc(String method, String replyParams) {
    wm.stubFor(
        post(urlEqualTo("/RPC2"))
            .withRequestBody(matchingJsonPath("$.method", equalTo(method)))
            .withRequestBody(matchingJsonPath("$.session", equalTo("4f8f2a")))
            .willReturn(okJson("{\"result\":true,\"params\":" + replyParams + "}")));
  }

  void refuse(int remain, int lockSec) {
    wm.stubFor(
        post(urlEqualTo("/RPC2_Login"))
            .atPriority(3)
            .withRequestBody(matchingJsonPath("$.session"))
            .willReturn(
                okJson(
                    "{\"error\":{\"code\":268632085,\"message\":\"Component error: User or password not valid!\"},"
                        + "\"params\":{\"remainLockSecond\":"
                        + lockSec
                        + ",\"remainLoginTimes\":"
                        + remain
                        + "},\"result\":false,\"session\":1005027323}")));
  }

  NvrClient connect(String pw) {
    return core.connect(DahuaStubs.endpointOf(wm), DahuaStubs.admin(pw), DahuaStubs.fastOptions());
  }

  @Test
  void loginWithExactHashThenIdentityAndUsers() throws Exception {
    acceptPassword("Secret-pass1");
    rpc(
        "configManager.getConfig",
        "{\"table\":{\"LockLoginEnable\":true,\"LockLoginTimes\":5,"
            + "\"LoginFailLockTime\":300,\"MachineName\":\"NVR\",\"DefaultInterface\":\"eth0\","
            + "\"eth0\":{\"PhysicalAddress\":\"3CEF8C6101C0\"}}}");
    rpc("magicBox.getDeviceType", "{\"type\":\"N841A8\"}");
    rpc("magicBox.getSerialNo", "{\"sn\":\"AMC000N49SSV0M2U46\"}");
    rpc("magicBox.getHardwareVersion", "{\"version\":\"1.00\"}");
    rpc(
        "magicBox.getSoftwareVersion",
        "{\"version\":{\"Build\":\"x\",\"BuildDate\":\"2023-05-10\",\"Version\":\"3.216.00LR035.0\"}}");
    rpc("magicBox.getVendor", "{\"Vendor\":\"Lorex\"}");
    rpc("global.getCurrentTime", "{\"time\":\"2024-1-5 9:3:7\"}");
    rpc(
        "userManager.getUserInfoAll",
        "{\"users\":[{\"Name\":\"admin\",\"Group\":\"admin\",\"Reserved\":true},"
            + "{\"Name\":\"viewer\",\"Group\":\"user\",\"Reserved\":false}]}");
    rpc("global.logout", "null");
    try (NvrClient c = connect("Secret-pass1")) {
      DeviceIdentity id = c.identity();
      assertEquals("N841A8", id.model().orElseThrow());
      assertEquals("AMC000N49SSV0M2U46", id.serial().orElseThrow());
      assertEquals("3c:ef:8c:61:01:c0", id.mac().orElseThrow());
      assertEquals("Lorex", id.vendor().orElseThrow());
      assertEquals(
          List.of(
              new UserAccount("admin", AccountLevel.ADMINISTRATOR, "admin", true),
              new UserAccount("viewer", AccountLevel.USER, "user", false)),
          c.users());
    }
    wm.verify(
        postRequestedFor(urlEqualTo("/RPC2"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("global.logout"))));
  }

  @Test
  void remainLoginTimesTeachesTheBudget() {
    refuse(2, 0);
    AuthenticationFailedException e =
        assertThrows(AuthenticationFailedException.class, () -> connect("wrong-Pass1"));
    assertEquals(1, e.remainingAttempts().orElseThrow(), "device allows 2 more: we keep 1 spare");
    refuse(1, 0);
    AuthenticationFailedException e2 =
        assertThrows(AuthenticationFailedException.class, () -> connect("wrong-Pass1"));
    assertEquals(0, e2.remainingAttempts().orElseThrow());
    int sent = wm.findAll(postRequestedFor(urlEqualTo("/RPC2_Login"))).size();
    assertThrows(AuthenticationFailedException.class, () -> connect("wrong-Pass1"));
    assertEquals(sent, wm.findAll(postRequestedFor(urlEqualTo("/RPC2_Login"))).size(), "not sent");
  }

  @Test
  void lockedCodeGivesRetryAfter() {
    wm.stubFor(
        post(urlEqualTo("/RPC2_Login"))
            .atPriority(3)
            .withRequestBody(matchingJsonPath("$.session"))
            .willReturn(
                okJson(
                    "{\"error\":{\"code\":268632081,\"message\":\"User locked!\"},"
                        + "\"params\":{\"remainLockSecond\":1700},\"result\":false}")));
    Instant before = Instant.now();
    AccountLockedException e =
        assertThrows(AccountLockedException.class, () -> connect("Secret-pass1"));
    Instant until = e.retryAfter().orElseThrow();
    assertTrue(until.isAfter(before.plus(Duration.ofSeconds(1690))), until.toString());
    assertTrue(e.isRetryable());
  }

  @Test
  void garbageChallengeIsProtocolException() {
    wm.stubFor(
        post(urlEqualTo("/RPC2_Login"))
            .atPriority(1)
            .willReturn(okJson("{\"error\":{\"code\":268632079},\"params\":{},\"result\":false}")));
    assertThrows(ProtocolException.class, () -> connect("Secret-pass1"));
    wm.stubFor(
        post(urlEqualTo("/RPC2_Login"))
            .atPriority(1)
            .willReturn(aResponse().withBody("{not json")));
    assertThrows(ProtocolException.class, () -> connect("Secret-pass1"));
  }

  @Test
  void idleSessionIsKeptAliveBeforeTheNextCallAndLoggedOut() throws Exception {
    acceptPassword("Secret-pass1");
    rpc("global.keepAlive", "{\"timeout\":300}");
    rpc("userManager.getUserInfoAll", "{\"users\":[{\"Name\":\"admin\",\"Group\":\"admin\"}]}");
    rpc("global.logout", "null");
    long[] now = {0};
    DeviceContext ctx =
        new DeviceContext(DahuaStubs.endpointOf(wm), DahuaStubs.fastOptions(), guard);
    try (io.nvrkit.core.spi.DeviceHttp http =
            DahuaStubs.httpReusable(DahuaStubs.endpointOf(wm), DahuaStubs.fastOptions());
        Rpc2Session s = new Rpc2Session(http, ctx, DahuaStubs.admin("Secret-pass1"))) {
      s.nanoTime(() -> now[0]);
      s.login();
      s.call("userManager.getUserInfoAll", null, false);
      assertEquals(0, keepAlives(), "no keep-alive while active");
      now[0] += Duration.ofSeconds(61).toNanos(); // idle longer than keepAliveInterval (60 s)
      s.call("userManager.getUserInfoAll", null, false);
      assertEquals(1, keepAlives(), "keep-alive before the call after an idle period");
    }
    wm.verify(
        postRequestedFor(urlEqualTo("/RPC2"))
            .withRequestBody(matchingJsonPath("$.method", equalTo("global.logout"))));
  }

  private int keepAlives() {
    return wm.findAll(
            postRequestedFor(urlEqualTo("/RPC2"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("global.keepAlive"))))
        .size();
  }
}
