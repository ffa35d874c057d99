package io.nvrkit.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Credentials;
import io.nvrkit.core.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTest {

  @Test
  void rfc7616TestVectorsMd5AndSha256() {
    // RFC 7616 §3.9.1
    Credentials c = Credentials.of("Mufasa", Secret.of("Circle of Life"));
    String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    String opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    Digest.Challenge md5 =
        new Digest.Challenge(
            "http-auth@example.org", nonce, opaque, Digest.Algorithm.MD5, "auth", false);
    Digest.Challenge sha =
        new Digest.Challenge(
            "http-auth@example.org", nonce, opaque, Digest.Algorithm.SHA_256, "auth", false);
    assertEquals(
        "8ca523f5e9506fed4657c9700eebdbec",
        Digest.response(md5, c, "GET", "/dir/index.html", null, "00000001", cnonce));
    assertEquals(
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
        Digest.response(sha, c, "GET", "/dir/index.html", null, "00000001", cnonce));
  }

  @Test
  void rfc2617TestVector() {
    // RFC 2617 §3.5
    Credentials c = Credentials.of("Mufasa", Secret.of("Circle Of Life"));
    Digest.Challenge ch =
        new Digest.Challenge(
            "testrealm@host.com",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            "5ccc069c403ebaf9f0171e9517f40e41",
            Digest.Algorithm.MD5,
            "auth",
            false);
    assertEquals(
        "6629fae49393a05397450978507c4ef1",
        Digest.response(ch, c, "GET", "/dir/index.html", null, "00000001", "0a4f113b"));
  }

  @Test
  void md5SessAndAuthIntFollowRfc7616() throws Exception {
    Credentials c = Credentials.of("u", Secret.of("p@ss"));
    Digest.Challenge sess =
        new Digest.Challenge("r", "N", null, Digest.Algorithm.MD5_SESS, "auth", false);
    String ha1 = DigestCheck.h("MD5", DigestCheck.h("MD5", "u:r:p@ss") + ":N:C");
    String ha2 = DigestCheck.h("MD5", "GET:/x");
    assertEquals(
        DigestCheck.h("MD5", ha1 + ":N:00000001:C:auth:" + ha2),
        Digest.response(sess, c, "GET", "/x", null, "00000001", "C"));

    Digest.Challenge authInt =
        new Digest.Challenge("r", "N", null, Digest.Algorithm.SHA_256, "auth-int", false);
    byte[] body = "<x/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String ha1b = DigestCheck.h("SHA-256", "u:r:p@ss");
    String ha2b = DigestCheck.h("SHA-256", "POST:/x:" + DigestCheck.h("SHA-256", "<x/>"));
    assertEquals(
        DigestCheck.h("SHA-256", ha1b + ":N:00000001:C:auth-int:" + ha2b),
        Digest.response(authInt, c, "POST", "/x", body, "00000001", "C"));
  }

  @Test
  void parsesDahuaChallengeWithoutSpaces() {
    List<AuthChallenge> cs =
        AuthChallenge.parse(
            List.of(
                "Digest realm=\"Login to ND021811019863\",qop=\"auth\",nonce=\"211955164\","
                    + "opaque=\"9a206a55e922ee7900769ec61ae49bf0c1f30242\""));
    assertEquals(1, cs.size());
    Digest.Challenge d = Digest.choose(cs);
    assertNotNull(d);
    assertEquals("Login to ND021811019863", d.realm());
    assertEquals("211955164", d.nonce());
    assertEquals("auth", d.qop());
    assertEquals(Digest.Algorithm.MD5, d.algorithm());
  }

  @Test
  void prefersSha256AndAuthOverAuthInt() {
    List<AuthChallenge> cs =
        AuthChallenge.parse(
            List.of(
                "Digest realm=\"r\", qop=\"auth,auth-int\", nonce=\"n1\", opaque=\"o\"",
                "Digest algorithm=SHA-256, realm=\"r\", qop=\"auth-int, auth\", nonce=\"n2\""));
    Digest.Challenge d = Digest.choose(cs);
    assertEquals(Digest.Algorithm.SHA_256, d.algorithm());
    assertEquals("n2", d.nonce());
    assertEquals("auth", d.qop());
  }

  @Test
  void severalChallengesInOneHeaderAndEscapes() {
    List<AuthChallenge> cs =
        AuthChallenge.parse(
            List.of("Basic realm=\"a, \\\"b\\\"\", Digest realm=x, nonce=abc, stale=TRUE"));
    assertEquals(2, cs.size());
    assertTrue(cs.get(0).is("basic"));
    assertEquals("a, \"b\"", cs.get(0).param("realm"));
    Digest.Challenge d = Digest.choose(cs);
    assertEquals("x", d.realm());
    assertTrue(d.stale());
    assertNull(d.qop());
  }

  @Test
  void unknownAlgorithmOrQopIsNotChosen() {
    assertNull(
        Digest.choose(AuthChallenge.parse(List.of("Digest realm=r, nonce=n, algorithm=SHA-1"))));
    assertNull(Digest.choose(AuthChallenge.parse(List.of("Digest realm=r, nonce=n, qop=xyz"))));
    assertNull(Digest.choose(AuthChallenge.parse(List.of("Digest realm=r"))));
    assertNull(Digest.choose(AuthChallenge.parse(List.of("\"garbage", "=,=,", ""))));
  }

  @Test
  void authorizationHeaderHasUnquotedTokensAndNoPassword() {
    Credentials c = Credentials.of("admin", Secret.of("Canary-Pw-123"));
    Digest.Challenge ch =
        new Digest.Challenge("r", "n", "o", Digest.Algorithm.SHA_256, "auth", false);
    String h = Digest.authorization(ch, c, "GET", "/a?b=c", null, 2);
    assertTrue(h.startsWith("Digest username=\"admin\""), h);
    assertTrue(h.contains(", qop=auth,"), h);
    assertTrue(h.contains(", nc=00000002,"), h);
    assertTrue(h.contains(", algorithm=SHA-256,"), h);
    assertTrue(h.contains("uri=\"/a?b=c\""), h);
    assertFalse(h.contains("Canary"), "password must not appear in the header");
  }

  @Test
  void nonceCountIsEightLowerCaseHexDigits() {
    Credentials c = Credentials.of("admin", Secret.of("Canary-Pw-123"));
    Digest.Challenge ch = new Digest.Challenge("r", "n", null, Digest.Algorithm.MD5, "auth", false);
    assertTrue(Digest.authorization(ch, c, "GET", "/", null, 26).contains(", nc=0000001a,"));
    assertTrue(
        Digest.authorization(ch, c, "GET", "/", null, 0xFFFF_FFFFL).contains(", nc=ffffffff,"));
  }

  @Test
  void cnonceIsFreshEachTime() {
    assertFalse(Digest.newCnonce().equals(Digest.newCnonce()));
    assertEquals(32, Digest.newCnonce().length());
  }

  @Test
  void redactsSecretParameters() {
    String t =
        Redaction.requestTarget(
            "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=N3w%21x&PwdOld=old"
                + "&token=t0k&x",
            java.util.Set.of("Token"));
    assertEquals(
        "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=***&PwdOld=***"
            + "&token=***&x",
        t);
  }
}
