package io.nvrkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceEndpointTest {
  @ParameterizedTest
  @CsvSource({
    "https://192.0.2.10, https, 192.0.2.10, 443, '', https://192.0.2.10:443",
    "http://192.0.2.10, http, 192.0.2.10, 80, '', http://192.0.2.10:80",
    "HTTPS://Nvr.Example:8443/, https, Nvr.Example, 8443, '', https://Nvr.Example:8443",
    "https://[2001:db8::1]:8443/base//, https, 2001:db8::1, 8443, /base, https://[2001:db8::1]:8443/base",
    "'  http://127.0.0.1:8080/a/b ', http, 127.0.0.1, 8080, /a/b, http://127.0.0.1:8080/a/b"
  })
  void parses(String url, String scheme, String host, int port, String base, String uri) {
    DeviceEndpoint e = DeviceEndpoint.of(url);
    assertEquals(scheme, e.scheme());
    assertEquals(host, e.host());
    assertEquals(port, e.port());
    assertEquals(base, e.basePath());
    assertEquals(URI.create(uri), e.uri());
    assertEquals(uri, e.toString());
    assertEquals(TlsTrust.system(), e.tlsTrust(), "system trust by default");
    assertFalse(e.allowPlaintextSecrets(), "no plaintext secrets by default");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.10",
        "ftp://192.0.2.10",
        "https://",
        "https://admin:secret@192.0.2.10",
        "https://192.0.2.10/?user=admin",
        "https://192.0.2.10/#x",
        "https://192.0.2.10:70000",
        "http://bad host/",
        "rtsp://192.0.2.10"
      })
  void rejects(String url) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeviceEndpoint.of(url));
    assertFalse(e.getMessage().contains("secret"), "the message never repeats user info");
  }

  @Test
  void resolveAndKey() {
    DeviceEndpoint e = DeviceEndpoint.of("https://[::1]:8443/base");
    assertEquals("[::1]:8443", e.key());
    assertEquals(
        URI.create("https://[::1]:8443/base/cgi-bin/magicBox.cgi?action=getSerialNo"),
        e.resolve("/cgi-bin/magicBox.cgi?action=getSerialNo"));
    assertThrows(IllegalArgumentException.class, () -> e.resolve("cgi-bin"));
    assertTrue(e.isTls());
  }

  @ParameterizedTest
  @CsvSource({
    "http://localhost, true",
    "http://LOCALHOST:8080, true",
    "http://127.0.0.1, true",
    "http://127.8.9.10, true",
    "http://[::1], true",
    "http://192.0.2.10, false",
    "http://10.0.0.1, false",
    "http://nvr.example, false"
  })
  void loopback(String url, boolean loopback) {
    assertEquals(loopback, DeviceEndpoint.of(url).isLoopback());
  }

  @Test
  void builderAndEquality() {
    DeviceEndpoint a =
        DeviceEndpoint.builder("https://192.0.2.10")
            .tlsTrust(TlsTrust.insecure())
            .allowPlaintextSecrets(true)
            .build();
    assertEquals(TlsTrust.insecure(), a.tlsTrust());
    assertTrue(a.allowPlaintextSecrets());
    assertEquals(a, a.toBuilder().build());
    assertNotEquals(a, DeviceEndpoint.of("https://192.0.2.10"));
    assertEquals(
        DeviceEndpoint.of("https://NVR.example"), DeviceEndpoint.of("https://nvr.example"));
    assertEquals(
        DeviceEndpoint.of("https://NVR.example").hashCode(),
        DeviceEndpoint.of("https://nvr.example").hashCode());
  }

  static final String HEX = "ab".repeat(32);
  static final String B64 = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'q');

  @Test
  void pinsParseFromBase64AndHex() {
    byte[] ab = new byte[32];
    java.util.Arrays.fill(ab, (byte) 0xab);
    String canonical = Base64.getEncoder().encodeToString(ab);
    TlsTrust hex = TlsTrust.pinned(HEX);
    TlsTrust colons =
        TlsTrust.pinned(HEX.replaceAll("(..)(?!$)", "$1:").toUpperCase(java.util.Locale.ROOT));
    TlsTrust b64 = TlsTrust.pinned(canonical);
    TlsTrust prefixed = TlsTrust.pinned("sha256/" + canonical);
    for (TlsTrust t : new TlsTrust[] {hex, colons, b64, prefixed}) {
      TlsTrust.Pinned p = assertInstanceOf(TlsTrust.Pinned.class, t);
      assertEquals(canonical, p.sha256Base64());
      assertEquals(32, p.digest().length);
      assertEquals(hex, t);
    }
    assertEquals(32, ((TlsTrust.Pinned) TlsTrust.pinned(B64)).digest().length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "not base64 !!", "AAAA", "ab", "zz"})
  void badPinsAreRejected(String pin) {
    assertThrows(IllegalArgumentException.class, () -> TlsTrust.pinned(pin));
  }

  @Test
  void badPinLengthSaysWhy() {
    String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TlsTrust.pinned(sixteen));
    assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TlsTrust.pinned("ab".repeat(31)));
  }
}
