package io.nvrkit.core.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.testing.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Size limit, timeouts, no redirects, no retries, redaction, plaintext guard. */
class LimitsAndTimeoutsTest {
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
    http = transport(ConnectOptions.builder().responseTimeout(Duration.ofSeconds(5)).build());
  }

  @AfterEach
  void close() {
    http.close();
  }

  DeviceHttp transport(ConnectOptions o) {
    return io.nvrkit.core.internal.http.TestTransports.create(
        DeviceEndpoint.of("http://127.0.0.1:" + wm.port()), o);
  }

  static DeviceHttpRequest get(String path) {
    return DeviceHttpRequest.get("op", path).build();
  }

  static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  void bodyAtTheLimitIsAccepted() {
    byte[] body = new byte[1 << 20];
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withBody(body)));
    assertEquals(1 << 20, http.execute(get("/x")).body().length);
  }

  @Test
  void contentLengthOverTheLimitAbortsWithoutReadingTheBody() throws Exception {
    // The server announces 100 MB and then sends it slowly: the client must not wait for it.
    try (RawServer raw =
            new RawServer(
                (s, srv) -> {
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  byte[] chunk = new byte[8192];
                  for (int i = 0; i < 12_000; i++) {
                    out.write(chunk);
                    srv.bytesWritten.addAndGet(chunk.length);
                    Thread.onSpinWait();
                  }
                });
        DeviceHttp h =
            io.nvrkit.core.internal.http.TestTransports.create(
                DeviceEndpoint.of("http://127.0.0.1:" + raw.port()), ConnectOptions.defaults())) {
      long t0 = System.nanoTime();
      ProtocolException e = assertThrows(ProtocolException.class, () -> h.execute(get("/big")));
      assertTrue(e.getMessage().contains("too large"), e.getMessage());
      assertTrue(millisSince(t0) < 2000);
      assertTrue(raw.awaitDone(5), "server must see the connection closed");
      assertTrue(
          raw.bytesWritten.get() < 50_000_000,
          "the body must not be drained; server wrote " + raw.bytesWritten.get());
    }
  }

  @Test
  void chunkedBodyOverTheLimitAbortsQuickly() {
    // 1 MiB dribbled over 10 s in 100 chunks; the limit (64 KiB) is passed after ~7 chunks.
    wm.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse().withBody(new byte[1 << 20]).withChunkedDribbleDelay(100, 10_000)));
    try (DeviceHttp h = transport(ConnectOptions.builder().maxResponseBytes(64 * 1024).build())) {
      long t0 = System.nanoTime();
      ProtocolException e = assertThrows(ProtocolException.class, () -> h.execute(get("/dribble")));
      assertTrue(e.getMessage().contains("too large"), e.getMessage());
      long ms = millisSince(t0);
      assertTrue(ms < 4000, "aborted after " + ms + " ms; draining would take 10 s");
    }
  }

  @Test
  void overlongHeaderLineIsAProtocolError() throws Exception {
    try (RawServer raw =
            new RawServer(
                (s, srv) -> {
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nX-Junk: "
                              + "a".repeat(20_000)
                              + "\r\nContent-Length: 0\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                });
        DeviceHttp h =
            io.nvrkit.core.internal.http.TestTransports.create(
                DeviceEndpoint.of("http://127.0.0.1:" + raw.port()), ConnectOptions.defaults())) {
      assertThrows(ProtocolException.class, () -> h.execute(get("/h")));
    }
  }

  @Test
  void headerWithoutColonIsAProtocolError() throws Exception {
    assertMalformed("HTTP/1.1 200 OK\r\nThisIsNotAHeader\r\nContent-Length: 0\r\n\r\n");
  }

  @Test
  void badChunkEncodingIsAProtocolError() throws Exception {
    assertMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n");
  }

  private static void assertMalformed(String answer) throws Exception {
    try (RawServer raw =
            new RawServer(
                (s, srv) -> {
                  s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                  s.getOutputStream().flush();
                });
        DeviceHttp h =
            io.nvrkit.core.internal.http.TestTransports.create(
                DeviceEndpoint.of("http://127.0.0.1:" + raw.port()), ConnectOptions.defaults())) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> h.execute(get("/h")));
      assertFalse(e.isRetryable());
    }
  }

  @Test
  void connectionRefusedOnAClosedPort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (DeviceHttp h =
        io.nvrkit.core.internal.http.TestTransports.create(
            DeviceEndpoint.of("http://127.0.0.1:" + port), ConnectOptions.defaults())) {
      DeviceUnreachableException e =
          assertThrows(DeviceUnreachableException.class, () -> h.execute(get("/x")));
      assertTrue(e.isRetryable());
      assertEquals("op", e.operation().orElseThrow());
      assertEquals("http://127.0.0.1:" + port, e.device().orElseThrow());
    }
  }

  @Test
  void connectTimeoutWhenTheListenQueueIsFull() throws Exception {
    // A listener that never accepts, with its backlog filled: Linux drops further SYNs.
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      boolean full = false;
      for (int i = 0; i < 8 && !full; i++) {
        Socket f = new Socket();
        try {
          f.connect(s.getLocalSocketAddress(), 200);
          fillers.add(f);
        } catch (SocketTimeoutException e) {
          full = true;
          f.close();
        }
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(
          full, "this OS does not drop SYNs on a full backlog");
      ConnectOptions o = ConnectOptions.builder().connectTimeout(Duration.ofMillis(300)).build();
      try (DeviceHttp h =
          io.nvrkit.core.internal.http.TestTransports.create(
              DeviceEndpoint.of("http://127.0.0.1:" + s.getLocalPort()), o)) {
        long t0 = System.nanoTime();
        DeviceUnreachableException e =
            assertThrows(DeviceUnreachableException.class, () -> h.execute(get("/x")));
        assertTrue(e.getMessage().contains("connect timed out"), e.getMessage());
        assertTrue(millisSince(t0) < 2000);
      }
    } finally {
      for (Socket f : fillers) {
        f.close();
      }
    }
  }

  @Test
  void responseTimeout() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(3000)));
    try (DeviceHttp h =
        transport(ConnectOptions.builder().responseTimeout(Duration.ofMillis(300)).build())) {
      long t0 = System.nanoTime();
      DeviceUnreachableException e =
          assertThrows(DeviceUnreachableException.class, () -> h.execute(get("/slow")));
      assertTrue(e.getMessage().contains("response timeout"), e.getMessage());
      assertInstanceOf(SocketTimeoutException.class, e.getCause());
      assertTrue(millisSince(t0) < 2500);
    }
  }

  @Test
  void totalTimeoutStopsADribbledBody() {
    // each chunk arrives well within the response timeout, but the whole takes 6 s
    wm.stubFor(
        any(anyUrl())
            .willReturn(aResponse().withBody(new byte[2000]).withChunkedDribbleDelay(20, 6000)));
    ConnectOptions o =
        ConnectOptions.builder()
            .responseTimeout(Duration.ofSeconds(2))
            .totalTimeout(Duration.ofMillis(800))
            .build();
    try (DeviceHttp h = transport(o)) {
      long t0 = System.nanoTime();
      DeviceUnreachableException e =
          assertThrows(DeviceUnreachableException.class, () -> h.execute(get("/dribble")));
      assertTrue(e.getMessage().contains("total timeout"), e.getMessage());
      long ms = millisSince(t0);
      assertTrue(ms >= 700 && ms < 2500, "took " + ms + " ms");
    }
  }

  @Test
  void redirectIsReturnedNotFollowed() {
    wm.stubFor(
        any(urlPathEqualTo("/a"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/b")));
    DeviceHttpResponse r = http.execute(get("/a"));
    assertEquals(302, r.status());
    assertEquals("/b", r.header("Location").orElseThrow());
    wm.verify(0, getRequestedFor(urlPathEqualTo("/b")));
    assertEquals(1, http.roundTrips());
  }

  @Test
  void serverErrorIsReturnedNotRetried() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    assertEquals(500, http.execute(get("/a")).status());
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void connectionResetIsUnreachableAndNotRetried() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    DeviceHttpRequest post =
        DeviceHttpRequest.post(
                "setPassword", "/RPC2", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
            .build();
    DeviceUnreachableException e =
        assertThrows(DeviceUnreachableException.class, () -> http.execute(post));
    assertTrue(e.isRetryable());
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size());
    assertEquals(1, http.roundTrips());
  }

  @Test
  void emptyResponseIsUnreachableAndNotRetried() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    assertThrows(DeviceUnreachableException.class, () -> http.execute(get("/a")));
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void keepAliveConnectionIsReused() throws Exception {
    // The server accepts a single connection and answers three requests on it: a client that
    // opened a second connection would wait in the listen queue until its response timeout.
    try (RawServer raw =
            new RawServer(
                (s, srv) -> {
                  OutputStream out = s.getOutputStream();
                  for (int i = 0; i < 3; i++) {
                    if (i > 0) {
                      RawServer.readHead(s.getInputStream());
                    }
                    out.write(
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                  }
                });
        DeviceHttp h =
            io.nvrkit.core.internal.http.TestTransports.create(
                DeviceEndpoint.of("http://127.0.0.1:" + raw.port()),
                ConnectOptions.builder().responseTimeout(Duration.ofSeconds(2)).build())) {
      for (int i = 0; i < 3; i++) {
        assertEquals("ok", h.execute(get("/k")).text());
      }
      assertEquals(1, raw.connections.get());
      assertEquals(3, h.roundTrips());
    }
  }

  @Test
  void secretParametersAreRedactedInLogLines() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    String canary = "Canary%21Pw9";
    String path =
        "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd="
            + canary
            + "&pwdOld=Old"
            + canary
            + "&session="
            + canary;
    DeviceHttpRequest r =
        DeviceHttpRequest.get("modifyPassword", path)
            .secretParams("session")
            .carriesNewSecret()
            .build();
    String log;
    try (LogCapture cap = LogCapture.start()) {
      http.execute(r);
      log = cap.text();
    }
    assertTrue(
        log.contains(
            "modifyPassword GET 127.0.0.1:"
                + wm.port()
                + "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=***&pwdOld=***&session=***"),
        "expected one redacted DEBUG line, got: " + log);
    assertFalse(log.contains("Canary"), "secret leaked into the log");
    assertEquals(path, wm.findAll(anyRequestedFor(anyUrl())).get(0).getUrl());
  }

  @Test
  void plaintextGuardDecision() {
    DeviceEndpoint lan = DeviceEndpoint.of("http://192.0.2.1");
    DeviceEndpoint lanAllowed = lan.toBuilder().allowPlaintextSecrets(true).build();
    assertEquals(PlaintextGuard.Decision.REFUSE, PlaintextGuard.decide(lan, true));
    assertEquals(PlaintextGuard.Decision.SEND, PlaintextGuard.decide(lan, false));
    assertEquals(
        PlaintextGuard.Decision.SEND_WITH_WARNING, PlaintextGuard.decide(lanAllowed, true));
    assertEquals(
        PlaintextGuard.Decision.SEND,
        PlaintextGuard.decide(DeviceEndpoint.of("https://192.0.2.1"), true));
    assertEquals(
        PlaintextGuard.Decision.SEND,
        PlaintextGuard.decide(DeviceEndpoint.of("http://127.0.0.1:8080"), true));
    assertEquals(
        PlaintextGuard.Decision.SEND,
        PlaintextGuard.decide(DeviceEndpoint.of("http://[::1]:8080"), true));
    assertEquals(
        PlaintextGuard.Decision.SEND,
        PlaintextGuard.decide(DeviceEndpoint.of("http://localhost:8080"), true));
    assertEquals(
        PlaintextGuard.Decision.REFUSE,
        PlaintextGuard.decide(DeviceEndpoint.of("http://nvr.example"), true));
  }

  @Test
  void newPasswordOverPlainHttpToNonLoopbackIsRefusedBeforeConnecting() {
    // 192.0.2.1 (TEST-NET-1) is never contacted: the refusal comes first, with no round trip.
    try (DeviceHttp h =
        io.nvrkit.core.internal.http.TestTransports.create(
            DeviceEndpoint.of("http://192.0.2.1:9"),
            ConnectOptions.builder().connectTimeout(Duration.ofMillis(50)).build())) {
      DeviceHttpRequest change =
          DeviceHttpRequest.get(
                  "modifyPassword", "/cgi-bin/userManager.cgi?action=modifyPassword&pwd=x")
              .carriesNewSecret()
              .build();
      NvrException e = assertThrows(NvrException.class, () -> h.execute(change));
      assertEquals(io.nvrkit.core.PlaintextRefusedException.class, e.getClass());
      assertFalse(e.isRetryable());
      assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
      assertEquals(0, h.roundTrips());
    }
  }

  @Test
  void newPasswordOverPlainHttpToLoopbackIsSent() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    DeviceHttpRequest change =
        DeviceHttpRequest.get("modifyPassword", "/cgi-bin/userManager.cgi?pwd=x")
            .carriesNewSecret()
            .build();
    assertEquals(200, http.execute(change).status());
  }

  @Test
  void plainGetCarriesNoUpgradeOrCompressionHeaders() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    http.execute(get("/cgi-bin/magicBox.cgi?action=getSystemInfo"));
    var req = wm.findAll(anyRequestedFor(anyUrl())).get(0);
    assertFalse(req.containsHeader("Upgrade"), "no RFC 2817 TLS upgrade offer to firmware");
    assertFalse(req.containsHeader("Accept-Encoding"));
    assertFalse(req.containsHeader("Expect"));
  }

  @Test
  void postBodyAndHeadersAreSentAsGiven() throws IOException {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("X-A", "1", "2")));
    DeviceHttpRequest post =
        DeviceHttpRequest.post(
                "soap",
                "/onvif/device_service",
                "application/soap+xml; charset=utf-8",
                "<x/>".getBytes(StandardCharsets.UTF_8))
            .header("SOAPAction", "\"a\"")
            .build();
    DeviceHttpResponse r = http.execute(post);
    assertEquals(List.of("1", "2"), r.headers("x-a"));
    var req = wm.findAll(anyRequestedFor(anyUrl())).get(0);
    assertEquals("<x/>", req.getBodyAsString());
    assertEquals("\"a\"", req.getHeader("SOAPAction"));
    assertTrue(req.getHeader("Content-Type").startsWith("application/soap+xml"));
  }
}
