package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UsernameTokenTest {

  @Test
  void digestMatchesTheWorkedExampleOfOnvifMd() throws Exception {
    byte[] nonce = new byte[16];
    for (int i = 0; i < 16; i++) {
      nonce[i] = (byte) i;
    }
    assertEquals("AAECAwQFBgcICQoLDA0ODw==", Base64.getEncoder().encodeToString(nonce));
    assertEquals(
        "KLbK5kkgoMr9EzQEffFAAl0/YCY=",
        UsernameToken.digest(nonce, "2024-05-01T12:00:00.000Z", Secret.of("Admin12345")));
  }

  @Test
  void nonAsciiPasswordsAreHashedAsUtf8() throws Exception {
    byte[] nonce = new byte[16];
    String created = "2024-05-01T12:00:00.000Z";
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    sha1.update(nonce);
    sha1.update(created.getBytes(StandardCharsets.UTF_8));
    sha1.update("Pässwörd€1".getBytes(StandardCharsets.UTF_8));
    String expected = Base64.getEncoder().encodeToString(sha1.digest());
    assertEquals(expected, UsernameToken.digest(nonce, created, Secret.of("Pässwörd€1")));
  }

  @Test
  void createdIsUtcWithMilliseconds() {
    assertEquals(
        "2024-05-01T12:00:00.000Z", UsernameToken.created(Instant.parse("2024-05-01T12:00:00Z")));
    assertEquals(
        "2024-05-09T01:02:03.456Z",
        UsernameToken.created(Instant.parse("2024-05-09T01:02:03.456789Z")));
  }

  @Test
  void everyTokenHasAFreshSixteenByteNonce() {
    byte[] a = UsernameToken.newNonce();
    byte[] b = UsernameToken.newNonce();
    assertEquals(16, a.length);
    assertNotEquals(Base64.getEncoder().encodeToString(a), Base64.getEncoder().encodeToString(b));
  }

  @Test
  void tokenXmlCarriesDigestNonceAndCreatedButNeverThePassword() throws Exception {
    SoapWriter w = SoapWriter.envelope("tds", "tt", "wsse", "wsu");
    w.start("env:Header");
    UsernameToken.write(
        w, "ad<min", Secret.of("Admin12345"), Instant.parse("2024-05-01T12:00:00Z"));
    w.end();
    w.start("env:Body").start("tds:GetUsers").end().end();
    String xml = new String(w.toUtf8(), StandardCharsets.UTF_8);
    assertTrue(xml.contains("<wsse:Username>ad&lt;min</wsse:Username>"), xml);
    assertTrue(xml.contains("<wsu:Created>2024-05-01T12:00:00.000Z</wsu:Created>"), xml);
    assertTrue(!xml.contains("Admin12345"));
    XmlElement root = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    XmlElement tok =
        root.child(Ns.ENV, "Header")
            .flatMap(h -> h.child(Ns.WSSE, "Security"))
            .flatMap(s -> s.child(Ns.WSSE, "UsernameToken"))
            .orElseThrow();
    byte[] nonce = Base64.getDecoder().decode(tok.childText(Ns.WSSE, "Nonce").orElseThrow());
    String created = tok.childText(Ns.WSU, "Created").orElseThrow();
    assertEquals(
        UsernameToken.digest(nonce, created, Secret.of("Admin12345")),
        tok.childText(Ns.WSSE, "Password").orElseThrow());
  }
}
