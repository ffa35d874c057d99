package io.nvrkit.core.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpRequest.AuthScheme;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Digest and Basic authentication against WireMock, with round trips counted. */
class DigestTransportTest {
  static final String PW = "S3cure!Pass-42";
  static final String PATH = "/cgi-bin/magicBox.cgi?action=getSerialNo&x=a%26b%2Bc";
  static final String DAHUA_CHALLENGE =
      "Digest realm=\"Login to ND021811019863\",qop=\"auth\",nonce=\"%s\","
          + "opaque=\"9a206a55e922ee7900769ec61ae49bf0c1f30242\"";

  static WireMockServer wm;
  DeviceHttp http;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    http =
        io.nvrkit.core.internal.http.TestTransports.create(
            DeviceEndpoint.of("http://127.0.0.1:" + wm.port()),
            ConnectOptions.builder().responseTimeout(Duration.ofSeconds(5)).build());
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    http.close();
  }

  static Credentials admin() {
    return Credentials.of("admin", Secret.of(PW));
  }

  static DeviceHttpRequest serialRequest(Credentials c) {
    return DeviceHttpRequest.get("getSerialNo", PATH).credentials(c).build();
  }

  /** Stubs: no Authorization -> 401 challenge; Authorization with this nonce -> 200. */
  void challengeThenOk(String challenge, String nonce) {
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("nonce=\"" + nonce + "\""))
            .willReturn(aResponse().withStatus(200).withBody("sn=ND021811019863\r\n")));
  }

  List<LoggedRequest> requests() {
    return wm.findAll(anyRequestedFor(anyUrl()));
  }

  @Test
  void md5DahuaChallengeAnsweredWithCorrectResponseAndFullUri() throws Exception {
    challengeThenOk(String.format(DAHUA_CHALLENGE, "211955164"), "211955164");

    DeviceHttpResponse r = http.execute(serialRequest(admin()));

    assertEquals(200, r.status());
    assertEquals("sn=ND021811019863\r\n", r.text());
    assertEquals(2, http.roundTrips());
    List<LoggedRequest> reqs = requests();
    assertEquals(2, reqs.size());
    assertEquals(PATH, reqs.get(1).getUrl(), "request-target must be sent exactly as given");
    String auth = reqs.get(1).getHeader("Authorization");
    Map<String, String> p = DigestCheck.params(auth);
    assertEquals(PATH, p.get("uri"), "digest uri must be the full request-target with query");
    assertEquals("auth", p.get("qop"));
    assertTrue(auth.contains("qop=auth,") && auth.contains("nc=00000001,"), auth);
    assertTrue(auth.contains("algorithm=MD5,"), auth);
    assertEquals("9a206a55e922ee7900769ec61ae49bf0c1f30242", p.get("opaque"));
    assertEquals(DigestCheck.expected(auth, "GET", PW, "MD5"), p.get("response"));
  }

  @Test
  void sha256WithUnquotedQop() throws Exception {
    challengeThenOk(
        "Digest realm=\"onvif\", nonce=\"abc123\", qop=auth, algorithm=SHA-256", "abc123");

    DeviceHttpResponse r = http.execute(serialRequest(admin()));

    assertEquals(200, r.status());
    String auth = requests().get(1).getHeader("Authorization");
    assertTrue(auth.contains("algorithm=SHA-256,"), auth);
    assertEquals(
        DigestCheck.expected(auth, "GET", PW, "SHA-256"), DigestCheck.params(auth).get("response"));
    assertNotEquals(
        DigestCheck.expected(auth, "GET", PW, "MD5"), DigestCheck.params(auth).get("response"));
  }

  @Test
  void twoChallengeHeadersSha256Chosen() throws Exception {
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", absent())
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader(
                        "WWW-Authenticate",
                        "Digest realm=\"HIK\", qop=\"auth\", nonce=\"md5nonce\"",
                        "Digest realm=\"HIK\", qop=\"auth\", nonce=\"shanonce\", algorithm=SHA-256")));
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("nonce=\"shanonce\""))
            .willReturn(aResponse().withStatus(200)));

    assertEquals(200, http.execute(serialRequest(admin())).status());
    String auth = requests().get(1).getHeader("Authorization");
    assertEquals(
        DigestCheck.expected(auth, "GET", PW, "SHA-256"), DigestCheck.params(auth).get("response"));
  }

  @Test
  void nonceReusedWithIncrementingNcCostsOneRoundTrip() throws Exception {
    challengeThenOk("Digest realm=\"r\", qop=\"auth\", nonce=\"reusable\"", "reusable");
    Credentials c = admin();

    http.execute(serialRequest(c));
    assertEquals(2, http.roundTrips());
    DeviceHttpResponse second = http.execute(serialRequest(c));
    assertEquals(200, second.status());
    assertEquals(3, http.roundTrips(), "second request must reuse the nonce: one round trip");
    http.execute(serialRequest(c));
    assertEquals(4, http.roundTrips());

    List<LoggedRequest> reqs = requests();
    assertEquals(4, reqs.size());
    Map<String, String> p1 = DigestCheck.params(reqs.get(1).getHeader("Authorization"));
    Map<String, String> p2 = DigestCheck.params(reqs.get(2).getHeader("Authorization"));
    Map<String, String> p3 = DigestCheck.params(reqs.get(3).getHeader("Authorization"));
    assertEquals("00000001", p1.get("nc"));
    assertEquals("00000002", p2.get("nc"));
    assertEquals("00000003", p3.get("nc"));
    assertNotEquals(p1.get("cnonce"), p2.get("cnonce"));
    assertEquals(
        DigestCheck.expected(reqs.get(2).getHeader("Authorization"), "GET", PW, "MD5"),
        p2.get("response"));
  }

  @Test
  void staleNonceAnsweredWithOneExtraRoundTrip() throws Exception {
    challengeThenOk("Digest realm=\"r\", qop=\"auth\", nonce=\"n1\"", "n1");
    Credentials c = admin();
    http.execute(serialRequest(c));
    // Now n1 expires: its use is answered with stale=true and a new nonce.
    wm.resetAll();
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("nonce=\"n1\""))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader(
                        "WWW-Authenticate",
                        "Digest realm=\"r\", qop=\"auth\", nonce=\"n2\", stale=true")));
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("nonce=\"n2\""))
            .willReturn(aResponse().withStatus(200)));

    long before = http.roundTrips();
    assertEquals(200, http.execute(serialRequest(c)).status());
    assertEquals(2, http.roundTrips() - before);
    List<LoggedRequest> reqs = requests();
    assertEquals(2, reqs.size());
    String auth = reqs.get(1).getHeader("Authorization");
    assertEquals("00000001", DigestCheck.params(auth).get("nc"));
    assertEquals(
        DigestCheck.expected(auth, "GET", PW, "MD5"), DigestCheck.params(auth).get("response"));
    // and n2 is reused next time
    assertEquals(200, http.execute(serialRequest(c)).status());
    assertEquals(3, http.roundTrips() - before);
  }

  @Test
  void singleUseNoncesDeviceStopsGettingPreemptiveAuthorization() {
    // A Dahua-style device: every nonce works once; a reused one gets a plain 401 + new nonce.
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", absent())
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", String.format(DAHUA_CHALLENGE, "a1"))));
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("nc=00000001"))
            .willReturn(aResponse().withStatus(200)));
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("nc=00000002"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", String.format(DAHUA_CHALLENGE, "a2"))));
    Credentials c = admin();

    assertEquals(200, http.execute(serialRequest(c)).status());
    assertEquals(2, http.roundTrips());
    assertEquals(200, http.execute(serialRequest(c)).status()); // reuse refused, answered once
    assertEquals(4, http.roundTrips());
    assertEquals(200, http.execute(serialRequest(c)).status()); // no more pre-emptive attempts
    assertEquals(6, http.roundTrips());
    List<LoggedRequest> reqs = requests();
    assertEquals(null, reqs.get(4).getHeader("Authorization"));
    assertEquals(
        1,
        reqs.stream()
            .filter(x -> String.valueOf(x.getHeader("Authorization")).contains("nc=00000002"))
            .count());
  }

  @Test
  void refusedAnswerIsReturnedAfterExactlyTwoRequests() {
    wm.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", "Digest realm=\"r\", qop=auth, nonce=\"x\"")
                    .withBody("Error\r\nInvalid Authority!")));

    DeviceHttpResponse r = http.execute(serialRequest(Credentials.of("admin", Secret.of("wrong"))));

    assertEquals(401, r.status());
    assertEquals(2, requests().size());
    assertEquals(2, http.roundTrips());
    // the next call with the same (unproven) credentials again spends one attempt only
    assertEquals(
        401, http.execute(serialRequest(Credentials.of("admin", Secret.of("wrong")))).status());
    assertEquals(4, requests().size());
    assertEquals(2, requests().stream().filter(x -> x.getHeader("Authorization") != null).count());
  }

  @Test
  void newCredentialsAreNotSentPreemptivelyUntilReuseIsConfirmed() {
    challengeThenOk("Digest realm=\"r\", qop=auth, nonce=\"n\"", "n");
    http.execute(serialRequest(admin()));
    // different password, nonce reuse not yet confirmed: a fresh challenge round first
    http.execute(serialRequest(Credentials.of("admin", Secret.of("Other-Pass-1"))));
    List<LoggedRequest> reqs = requests();
    assertEquals(4, reqs.size());
    assertEquals(null, reqs.get(2).getHeader("Authorization"));
  }

  @Test
  void wrongPasswordSentPreemptivelyIsNotAnsweredAgain() {
    // The device accepts reused nonces (confirmed by a second request); then another caller's
    // wrong password goes pre-emptively and its plain 401 is returned after one request.
    challengeThenOk("Digest realm=\"r\", qop=auth, nonce=\"n\"", "n");
    http.execute(serialRequest(admin()));
    http.execute(serialRequest(admin()));
    assertEquals(3, requests().size());
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("username=\"intruder\""))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", "Digest realm=\"r\", qop=auth, nonce=\"m\"")));
    DeviceHttpResponse r =
        http.execute(serialRequest(Credentials.of("intruder", Secret.of("guess-1"))));
    assertEquals(401, r.status());
    assertEquals(4, requests().size(), "one attempt only");
  }

  @Test
  void provenPasswordChangedElsewhereIsNotAnsweredAgain() {
    // The device accepts reused nonces (confirmed); then the password is changed by someone else:
    // the next pre-emptive request is refused without stale=true. Answering the fresh challenge
    // would spend a second failed login that no lockout budget sees: one request only.
    challengeThenOk("Digest realm=\"r\", qop=auth, nonce=\"n\"", "n");
    http.execute(serialRequest(admin()));
    http.execute(serialRequest(admin()));
    assertEquals(3, requests().size());
    wm.resetAll();
    wm.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", "Digest realm=\"r\", qop=auth, nonce=\"m\"")));
    DeviceHttpResponse r = http.execute(serialRequest(admin()));
    assertEquals(401, r.status());
    assertEquals(1, requests().size(), "one attempt only");
  }

  @Test
  void requestTargetMustBeEncoded() {
    assertThrows(
        IllegalArgumentException.class,
        () -> http.execute(DeviceHttpRequest.get("x", "/a?b=c d\r\nX: y").build()));
    assertThrows(
        IllegalArgumentException.class,
        () -> http.execute(DeviceHttpRequest.get("x", "a").build()));
    assertEquals(0, http.roundTrips());
  }

  @Test
  void anonymousRequestIsOneRoundTripAndCarriesNoAuthorization() {
    wm.stubFor(
        get(urlPathEqualTo("/onvif/device_service")).willReturn(aResponse().withStatus(200)));
    DeviceHttpResponse r =
        http.execute(DeviceHttpRequest.get("probe", "/onvif/device_service").build());
    assertEquals(200, r.status());
    assertEquals(1, http.roundTrips());
  }

  @Test
  void basicOnlyWhenAllowedByRequestAndOptions() {
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", absent())
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", "Basic realm=\"Device_CGI\"")));
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("Basic "))
            .willReturn(aResponse().withStatus(200)));
    DeviceHttpRequest basicOk =
        DeviceHttpRequest.get("getSerialNo", PATH)
            .credentials(admin())
            .auth(Set.of(AuthScheme.DIGEST, AuthScheme.BASIC))
            .build();

    // options forbid Basic: a clear error, nothing sent with credentials
    ProtocolException e = assertThrows(ProtocolException.class, () -> http.execute(basicOk));
    assertTrue(e.getMessage().contains("Basic"), e.getMessage());
    assertEquals(0, requests().stream().filter(x -> x.getHeader("Authorization") != null).count());

    try (DeviceHttp withBasic =
        io.nvrkit.core.internal.http.TestTransports.create(
            http.endpoint(), ConnectOptions.builder().allowBasicAuth(true).build())) {
      assertThrows(ProtocolException.class, () -> withBasic.execute(serialRequest(admin())));
      assertEquals(200, withBasic.execute(basicOk).status());
      assertEquals(3, withBasic.roundTrips());
    }
    String sent = requests().get(requests().size() - 1).getHeader("Authorization");
    assertEquals(
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(("admin:" + PW).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        sent);
  }

  @Test
  void passwordNeverAppearsInLogLinesOrExceptions() {
    String canary = "Kanarya-7!Xq";
    String b64 =
        java.util.Base64.getEncoder()
            .encodeToString(("admin:" + canary).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Credentials c = Credentials.of("admin", Secret.of(canary));
    StringBuilder seen = new StringBuilder();
    try (LogCapture cap = LogCapture.start();
        DeviceHttp basicToo =
            io.nvrkit.core.internal.http.TestTransports.create(
                http.endpoint(), ConnectOptions.builder().allowBasicAuth(true).build())) {
      challengeThenOk(String.format(DAHUA_CHALLENGE, "n"), "n");
      http.execute(serialRequest(c));
      http.execute(serialRequest(c));
      wm.resetAll();
      wm.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=x")));
      seen.append(
          basicToo
              .execute(
                  DeviceHttpRequest.get("login", "/a?pwd=" + canary.replace("!", "%21"))
                      .credentials(c)
                      .auth(Set.of(AuthScheme.BASIC))
                      .build())
              .toString());
      try {
        http.execute(serialRequest(c));
      } catch (RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          seen.append(t).append('\n');
        }
      }
      wm.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse()
                      .withFault(
                          com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
      try {
        http.execute(serialRequest(c));
      } catch (RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          seen.append(t).append('\n');
        }
      }
      seen.append(cap.text()).append(c).append(http);
    }
    assertFalse(seen.toString().contains("Kanarya"), seen.toString());
    assertFalse(seen.toString().contains(b64), "Basic credentials leaked");
  }

  @Test
  void concurrentRequestsShareTheNonceSafely() throws Exception {
    challengeThenOk("Digest realm=\"r\", qop=auth, nonce=\"shared\"", "shared");
    Credentials c = admin();
    http.execute(serialRequest(c));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> fs = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        fs.add(pool.submit(() -> http.execute(serialRequest(c)).status()));
      }
      for (var f : fs) {
        assertEquals(200, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(22, http.roundTrips());
    java.util.Set<String> ncs = new java.util.HashSet<>();
    for (LoggedRequest r : requests()) {
      if (r.getHeader("Authorization") != null) {
        ncs.add(DigestCheck.params(r.getHeader("Authorization")).get("nc"));
      }
    }
    assertEquals(21, ncs.size(), "every nonce count is used once");
  }

  @Test
  void unauthorizedWithoutChallengeIsReturnedAsIs() {
    wm.stubFor(
        any(anyUrl()).willReturn(aResponse().withStatus(401).withBody("Error\r\nUser Locked!")));
    DeviceHttpResponse r = http.execute(serialRequest(admin()));
    assertEquals(401, r.status());
    assertEquals(1, requests().size());
    assertFalse(r.text().isEmpty());
  }
}
