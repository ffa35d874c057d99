package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.OnvifProfile.Authentication.HTTP_DIGEST;
import static io.nvrkit.testkit.OnvifProfile.Authentication.USERNAME_TOKEN;
import static io.nvrkit.testkit.internal.onvif.Soap.envelope;
import static io.nvrkit.testkit.internal.onvif.Soap.faultPath;
import static io.nvrkit.testkit.internal.onvif.Soap.post;
import static io.nvrkit.testkit.internal.onvif.Soap.wsse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.testkit.OnvifProfile;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** HTTP Digest (RFC 7616) and its precedence over WS-UsernameToken, computed independently. */
class OnvifHttpDigestTest {
  private final TestDevice device = new TestDevice();
  private OnvifPersonality fake = new OnvifPersonality(device, OnvifSettings.defaults());

  private static String param(String challenge, String name) {
    Matcher m = Pattern.compile(name + "=\"?([^\",]+)\"?").matcher(challenge);
    assertTrue(m.find(), challenge);
    return m.group(1);
  }

  private static String h(String alg, String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** An Authorization header answering {@code challenge} (RFC 7616 §3.4.1, qop=auth). */
  static String authorization(String challenge, String user, String pw, String nc)
      throws Exception {
    String alg = param(challenge, "algorithm");
    String jdk = alg.equals("SHA-256") ? "SHA-256" : "MD5";
    String realm = param(challenge, "realm");
    String nonce = param(challenge, "nonce");
    String cnonce = "0a4f113b";
    String uri = "/onvif/device_service";
    String ha1 = h(jdk, user + ":" + realm + ":" + pw);
    String ha2 = h(jdk, "POST:" + uri);
    String response = h(jdk, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    return "Digest username=\""
        + user
        + "\", realm=\""
        + realm
        + "\", nonce=\""
        + nonce
        + "\", uri=\""
        + uri
        + "\", algorithm="
        + alg
        + ", response=\""
        + response
        + "\", qop=auth, nc="
        + nc
        + ", cnonce=\""
        + cnonce
        + "\", opaque=\""
        + param(challenge, "opaque")
        + "\"";
  }

  private FakeResponse send(String xml, String authorization) {
    return fake.handle(
        post(
            xml,
            authorization == null
                ? Map.of("content-type", List.of("application/soap+xml"))
                : Map.of(
                    "content-type", List.of("application/soap+xml"),
                    "authorization", List.of(authorization))));
  }

  @Test
  void noCredentialsGetsOneChallengePerAlgorithm() {
    FakeResponse r = send(envelope(null, "<tds:GetUsers/>"), null);
    assertEquals(401, r.status());
    List<String> ch = Soap.headers(r, "WWW-Authenticate");
    assertEquals(2, ch.size());
    assertEquals("MD5", param(ch.get(0), "algorithm"));
    assertEquals("SHA-256", param(ch.get(1), "algorithm"));
    for (String c : ch) {
      assertTrue(c.startsWith("Digest "));
      assertEquals("auth", param(c, "qop"));
      param(c, "opaque");
      assertFalse(c.contains("stale"));
    }
  }

  @Test
  void md5AndSha256AreBothAcceptedAndANcReplayIsNot() throws Exception {
    for (int i = 0; i < 2; i++) {
      String c =
          Soap.headers(send(envelope(null, "<tds:GetUsers/>"), null), "WWW-Authenticate").get(i);
      String auth = authorization(c, "admin", "Admin12345", "00000001");
      FakeResponse ok = send(envelope(null, "<tds:GetUsers/>"), auth);
      assertEquals(200, ok.status(), c);
      FakeResponse replay = send(envelope(null, "<tds:GetUsers/>"), auth);
      assertEquals(401, replay.status());
      FakeResponse next =
          send(
              envelope(null, "<tds:GetUsers/>"),
              authorization(c, "admin", "Admin12345", "00000002"));
      assertEquals(200, next.status(), "the nonce is reusable with a new nc");
    }
  }

  @Test
  void wrongPasswordIs401AndCountsStaleNonceSaysStale() throws Exception {
    String c =
        Soap.headers(send(envelope(null, "<tds:GetUsers/>"), null), "WWW-Authenticate").get(0);
    FakeResponse wrong =
        send(envelope(null, "<tds:GetUsers/>"), authorization(c, "admin", "nope", "00000001"));
    assertEquals(401, wrong.status());
    assertEquals(1, device.failures("admin"));

    device.now = device.now.plus(Duration.ofMinutes(6));
    FakeResponse stale =
        send(
            envelope(null, "<tds:GetUsers/>"), authorization(c, "admin", "Admin12345", "00000002"));
    assertEquals(401, stale.status());
    assertTrue(Soap.headers(stale, "WWW-Authenticate").get(0).contains("stale=true"));
    assertEquals(1, device.failures("admin"), "a stale nonce is not a wrong password");
  }

  @Test
  void forgedNonceIsRefused() throws Exception {
    String c =
        Soap.headers(send(envelope(null, "<tds:GetUsers/>"), null), "WWW-Authenticate").get(0);
    String forged = c.replace(param(c, "nonce"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assertEquals(
        401,
        send(
                envelope(null, "<tds:GetUsers/>"),
                authorization(forged, "admin", "Admin12345", "00000001"))
            .status());
  }

  @Test
  void aWsTokenAloneIsCredentialsEnoughWhenBothAreEnabled() {
    FakeResponse r =
        send(envelope(wsse("admin", "Admin12345", device.now()), "<tds:GetUsers/>"), null);
    assertEquals(200, r.status(), "CORE: only a request without any credentials is challenged");
  }

  @Test
  void agshRetryOfTheSameWsBodyAfterA401IsNotARefusedReplay() throws Exception {
    String old =
        Soap.headers(send(envelope(null, "<tds:GetUsers/>"), null), "WWW-Authenticate").get(0);
    device.now = device.now.plus(Duration.ofMinutes(6)); // the client's digest nonce is now stale
    String xml = envelope(wsse("admin", "Admin12345", device.now()), "<tds:GetUsers/>");
    FakeResponse first = send(xml, authorization(old, "admin", "Admin12345", "00000001"));
    assertEquals(401, first.status(), "HTTP is checked first");
    String fresh = Soap.headers(first, "WWW-Authenticate").get(0);
    assertTrue(fresh.contains("stale=true"));
    // agsh/onvif resends the same body (same WS nonce and Created) with a new Authorization
    FakeResponse retry = send(xml, authorization(fresh, "admin", "Admin12345", "00000001"));
    assertEquals(200, retry.status(), "the 401 did not record the WS nonce");
    FakeResponse replay = send(xml, authorization(fresh, "admin", "Admin12345", "00000002"));
    assertEquals(400, replay.status(), "after a success the WS nonce is used");
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(replay));
  }

  @Test
  void whenBothArePresentBothMustBeValid() throws Exception {
    String c =
        Soap.headers(send(envelope(null, "<tds:GetUsers/>"), null), "WWW-Authenticate").get(1);
    FakeResponse badWs =
        send(
            envelope(wsse("admin", "wrong", device.now()), "<tds:GetUsers/>"),
            authorization(c, "admin", "Admin12345", "00000001"));
    assertEquals(400, badWs.status());
    assertEquals("env:Sender/ter:NotAuthorized", faultPath(badWs));
    FakeResponse badHttp =
        send(
            envelope(wsse("admin", "Admin12345", device.now()), "<tds:GetUsers/>"),
            authorization(c, "admin", "wrong", "00000002"));
    assertEquals(401, badHttp.status());
  }

  @Test
  void digestUsersGetTheirLevel() throws Exception {
    String c =
        Soap.headers(send(envelope(null, "<tds:GetUsers/>"), null), "WWW-Authenticate").get(0);
    assertEquals(
        "env:Sender/ter:NotAuthorized",
        faultPath(
            send(
                envelope(null, "<tds:GetUsers/>"),
                authorization(c, "operator1", "Op3rator-One", "00000001"))));
    assertEquals(
        200,
        send(
                envelope(null, "<tds:GetDeviceInformation/>"),
                authorization(c, "operator1", "Op3rator-One", "00000002"))
            .status());
  }

  @Test
  void digestOnlyIgnoresWsTokensAndUsernameTokenOnlyNeverChallenges() throws Exception {
    fake =
        new OnvifPersonality(
            device, OnvifSettings.of(OnvifProfile.builder().authentication(HTTP_DIGEST).build()));
    FakeResponse r =
        send(envelope(wsse("admin", "Admin12345", device.now()), "<tds:GetUsers/>"), null);
    assertEquals(401, r.status());
    assertTrue(
        Soap.body(send(envelope(null, "<tds:GetServiceCapabilities/>"), null))
            .contains("UsernameToken=\"false\" HttpDigest=\"true\""));

    fake =
        new OnvifPersonality(
            device,
            OnvifSettings.of(OnvifProfile.builder().authentication(USERNAME_TOKEN).build()));
    String someDigest =
        "Digest username=\"admin\", realm=\"ONVIF\", nonce=\"x\", uri=\"/onvif/device_service\", response=\"0\"";
    FakeResponse u = send(envelope(null, "<tds:GetUsers/>"), someDigest);
    assertEquals(400, u.status());
    assertTrue(Soap.headers(u, "WWW-Authenticate").isEmpty());
  }

  @Test
  void vivotekProfileDemandsAuthForPreAuthOperations() {
    fake =
        new OnvifPersonality(
            device,
            OnvifSettings.of(
                OnvifProfile.builder()
                    .authentication(USERNAME_TOKEN)
                    .preAuthNeedsAuth(true)
                    .build()));
    assertEquals(400, send(envelope(null, "<tds:GetSystemDateAndTime/>"), null).status());
    assertEquals(
        200,
        send(
                envelope(
                    wsse("viewer", "V1ewer-Pass", device.now()), "<tds:GetSystemDateAndTime/>"),
                null)
            .status());
  }
}
