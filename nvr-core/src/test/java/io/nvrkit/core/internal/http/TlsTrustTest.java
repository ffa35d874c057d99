package io.nvrkit.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.PinStore;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.TlsTrustException;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS trust modes against a loopback HTTPS server with a freshly generated self-signed key. */
class TlsTrustTest {
  static TlsServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TlsServer(0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static DeviceHttpResponse get(DeviceEndpoint e) {
    try (DeviceHttp h =
        io.nvrkit.core.internal.http.TestTransports.create(e, ConnectOptions.defaults())) {
      return h.execute(DeviceHttpRequest.get("getSerialNo", "/x").build());
    }
  }

  static boolean hasCause(Throwable t, Class<?> type) {
    for (; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  static DeviceEndpoint endpoint(TlsServer s, TlsTrust trust) {
    return DeviceEndpoint.builder(s.url()).tlsTrust(trust).build();
  }

  @Test
  void systemTrustRejectsASelfSignedCertificate() {
    int before = server.handled.get();
    TlsTrustException e =
        assertThrows(TlsTrustException.class, () -> get(endpoint(server, TlsTrust.system())));
    assertFalse(e.isRetryable());
    assertEquals("getSerialNo", e.operation().orElseThrow());
    assertTrue(e.getMessage().contains("system trust store"), e.getMessage());
    assertTrue(hasCause(e, javax.net.ssl.SSLHandshakeException.class));
    assertEquals(before, server.handled.get());
  }

  @Test
  void theRightPinIsAccepted() {
    assertEquals("hello", get(endpoint(server, TlsTrust.pinned(server.pin))).text());
    // the same pin in hex with colons
    String hex = HexFormat.ofDelimiter(":").formatHex(Base64.getDecoder().decode(server.pin));
    assertEquals(200, get(endpoint(server, TlsTrust.pinned(hex))).status());
  }

  @Test
  void aWrongPinThrowsAndNoRequestIsSent() {
    int before = server.handled.get();
    byte[] wrong = Base64.getDecoder().decode(server.pin);
    wrong[0] ^= 1;
    TlsTrustException e =
        assertThrows(
            TlsTrustException.class,
            () ->
                get(endpoint(server, TlsTrust.pinned(Base64.getEncoder().encodeToString(wrong)))));
    assertTrue(e.getMessage().contains("does not match the pin"), e.getMessage());
    assertTrue(e.getMessage().contains(server.pin), "message names the key seen");
    assertEquals(before, server.handled.get(), "no request may reach the server");
  }

  @Test
  void trustOnFirstUseRecordsThenEnforces() throws Exception {
    PinStore store = PinStore.inMemory();
    TlsServer first = new TlsServer(0);
    int port = first.port();
    try {
      assertEquals(200, get(endpoint(first, TlsTrust.trustOnFirstUse(store))).status());
      assertEquals(first.pin, store.pin("127.0.0.1:" + port).orElseThrow());
      assertEquals(200, get(endpoint(first, TlsTrust.trustOnFirstUse(store))).status());
    } finally {
      first.close();
    }
    // the "device" comes back on the same address with a new key (factory reset, or an attacker)
    try (TlsServer second = new TlsServer(port)) {
      TlsTrustException e =
          assertThrows(
              TlsTrustException.class,
              () -> get(endpoint(second, TlsTrust.trustOnFirstUse(store))));
      assertTrue(e.getMessage().contains("does not match"), e.getMessage());
      assertEquals(0, second.handled.get());
      assertEquals(first.pin, store.pin("127.0.0.1:" + port).orElseThrow(), "pin unchanged");
    }
  }

  @Test
  void trustOnFirstUseWithAFilePinStore(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pins.properties");
    assertEquals(
        200, get(endpoint(server, TlsTrust.trustOnFirstUse(PinStore.file(file)))).status());
    assertTrue(Files.readString(file).contains("127.0.0.1\\:" + server.port() + "=" + server.pin));
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    // a new store instance on the same file enforces the recorded pin
    assertEquals(
        200, get(endpoint(server, TlsTrust.trustOnFirstUse(PinStore.file(file)))).status());
  }

  @Test
  void insecureWorksAndWarnsOncePerEndpoint() throws Exception {
    try (TlsServer s = new TlsServer(0)) {
      String log;
      try (LogCapture cap = LogCapture.start()) {
        assertEquals(200, get(endpoint(s, TlsTrust.insecure())).status());
        assertEquals(200, get(endpoint(s, TlsTrust.insecure())).status());
        log = cap.text();
      }
      String marker = "verification is OFF for 127.0.0.1:" + s.port();
      assertEquals(1, log.split(java.util.regex.Pattern.quote(marker), -1).length - 1, log);
      assertTrue(log.contains("WARN"), log);
    }
  }
}
