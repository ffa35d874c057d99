package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
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
  void createdIsExactlyTheIsoPatternForEveryInstant() {
    // the hand-written formatter must agree with the pattern it replaces, padding included
    DateTimeFormatter pattern =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    List<Instant> samples =
        new ArrayList<>(
            List.of(
                Instant.parse("0001-01-01T00:00:00.001Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2000-02-29T09:08:07.060Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-06-15T12:00:00.5Z")));
    SplittableRandom r = new SplittableRandom(20241125);
    for (int i = 0; i < 2000; i++) {
      samples.add(
          Instant.ofEpochSecond(
              r.nextLong(-4_000_000_000L, 8_000_000_000L), r.nextInt(1_000_000_000)));
    }
    for (Instant t : samples) {
      assertEquals(
          pattern.format(t.truncatedTo(ChronoUnit.MILLIS)), UsernameToken.created(t), t.toString());
    }
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
