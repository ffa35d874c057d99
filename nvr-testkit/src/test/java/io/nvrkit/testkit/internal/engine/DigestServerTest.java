package io.nvrkit.testkit.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DigestServerTest {
  static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");

  @Test
  void theParserReadsTokensQuotedStringsAndEscapesCaseInsensitively() {
    DigestServer.Credentials c =
        DigestServer.parse(
            "digest USERNAME=\"ad\\\"min\", realm=\"r\", nonce=n1, uri=\"/a?b=c,d\","
                + " response=\"ABC\", qop=auth, nc=00000001, cnonce=\"x\"");
    assertNotNull(c);
    assertEquals("ad\"min", c.username());
    assertEquals("/a?b=c,d", c.uri(), "a comma inside a quoted-string is part of the value");
    assertEquals("auth", c.qop());
    assertEquals("MD5", c.algorithmOrMd5());
  }

  @Test
  void duplicateParametersUnterminatedQuotesAndHugeHeadersAreMalformed() {
    String ok = "Digest username=\"a\", nonce=\"n\", uri=\"/\", response=\"r\"";
    assertNotNull(DigestServer.parse(ok));
    assertNull(DigestServer.parse(ok + ", username=\"b\""), "neither duplicate wins");
    assertNull(DigestServer.parse(ok + ", Username=\"a\""), "names are case-insensitive");
    assertNull(DigestServer.parse("Digest username=\"a, nonce=\"n\", uri=\"/\", response=\"r"));
    assertNull(DigestServer.parse(ok + ", junk"));
    assertNull(DigestServer.parse(ok + ", x=\"" + "y".repeat(DigestServer.MAX_HEADER) + "\""));
    assertNull(DigestServer.parse("Basic YTpi"));
    assertNull(DigestServer.parse("Digest username=\"a\", uri=\"/\", response=\"r\""));
  }

  @Test
  void theResponseIsCheckedForMd5AndSha256() {
    char[] pw = "Secret-1".toCharArray();
    for (String alg : List.of("MD5", "SHA-256")) {
      String ha1 = DigestServer.hex(alg, "admin:R:", pw.clone());
      String ha2 = DigestServer.hex(alg, "GET:/x", null);
      String resp = DigestServer.hex(alg, ha1 + ":N:00000001:C:auth:" + ha2, null);
      DigestServer.Credentials c =
          DigestServer.parse(
              "Digest username=\"admin\", realm=\"R\", nonce=\"N\", uri=\"/x\", qop=auth,"
                  + " nc=00000001, cnonce=\"C\", algorithm="
                  + alg
                  + ", response=\""
                  + resp
                  + "\"");
      assertTrue(DigestServer.proves(c, "GET", "R", List.of("MD5", "SHA-256"), pw.clone()), alg);
      assertFalse(DigestServer.proves(c, "GET", "R", List.of("MD5", "SHA-256"), "x".toCharArray()));
      assertFalse(DigestServer.proves(c, "POST", "R", List.of("MD5", "SHA-256"), pw.clone()));
      assertFalse(DigestServer.proves(c, "GET", "other", List.of("MD5", "SHA-256"), pw.clone()));
    }
  }

  @Test
  void aSingleUseNonceIsGoodOnceAndExpires() {
    DigestServer.NoncePolicy p = DigestServer.singleUse(Duration.ofMinutes(5), 8);
    DigestServer.Nonce n = p.issue(T0);
    DigestServer.Credentials c = creds(n.nonce(), n.opaque());
    assertEquals(DigestServer.Freshness.FRESH, p.check(c, T0));
    assertEquals(DigestServer.Freshness.INVALID, p.check(c, T0), "a nonce is good once");
    DigestServer.Nonce late = p.issue(T0);
    assertEquals(
        DigestServer.Freshness.INVALID,
        p.check(creds(late.nonce(), late.opaque()), T0.plus(Duration.ofMinutes(6))));
    DigestServer.Nonce other = p.issue(T0);
    assertEquals(DigestServer.Freshness.INVALID, p.check(creds(other.nonce(), "nope"), T0));
  }

  @Test
  void aSignedNonceGoesStaleAndAForgedOneIsRefusedAndReplaysAreCaught() {
    Set<String> used = new HashSet<>();
    DigestServer.NoncePolicy p =
        DigestServer.signed(Duration.ofMinutes(1), (k, now) -> used.add(k));
    DigestServer.Nonce n = p.issue(T0);
    DigestServer.Credentials c = creds(n.nonce(), n.opaque());
    assertEquals(DigestServer.Freshness.FRESH, p.check(c, T0.plusSeconds(30)));
    assertEquals(DigestServer.Freshness.STALE, p.check(c, T0.plusSeconds(61)));
    assertEquals(
        DigestServer.Freshness.INVALID,
        p.check(creds("AAAA" + n.nonce().substring(4), n.opaque()), T0));
    assertTrue(p.markUsed(c, T0));
    assertFalse(p.markUsed(c, T0), "the same (nonce, nc, cnonce) twice is a replay");
  }

  private static DigestServer.Credentials creds(String nonce, String opaque) {
    return new DigestServer.Credentials(
        "admin", "R", nonce, "/", "r", "auth", "00000001", "c", null, opaque);
  }
}
