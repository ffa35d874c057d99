package io.nvrkit.testkit.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.testkit.FakeClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeServerTest {
  /** Answers with the body length and method; keeps connections alive. */
  static final class Echo implements Personality {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public FakeResponse handle(FakeRequest request) {
      return FakeResponse.text(
          200, "OK", "text/plain", request.method() + " " + request.body().length);
    }

    @Override
    public String operationOf(FakeRequest request) {
      return "echo";
    }

    @Override
    public FakeResponse connectionLimitResponse(FakeRequest request) {
      return FakeResponse.text(401, "Unauthorized", "text/plain", "");
    }
  }

  FakeServer server;
  final Acceptor acceptor = new Acceptor("test");
  Journal journal = new Journal(100);

  @BeforeEach
  void start() throws IOException {
    server =
        new FakeServer(
            new Echo(),
            OperationCatalog.builder("echo").build(),
            new FaultPlan(),
            journal,
            FakeClock.fixed(Instant.EPOCH, ZoneId.of("UTC")),
            null,
            InetAddress.getLoopbackAddress(),
            0,
            acceptor);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    acceptor.close();
  }

  private static String readResponse(BufferedReader r) throws IOException {
    StringBuilder sb = new StringBuilder();
    String line;
    int len = 0;
    while ((line = r.readLine()) != null && !line.isEmpty()) {
      sb.append(line).append('\n');
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        len = Integer.parseInt(line.substring(15).trim());
      }
    }
    char[] body = new char[len];
    int off = 0;
    while (off < len) {
      off += r.read(body, off, len - off);
    }
    return sb.append(new String(body)).toString();
  }

  @Test
  void keepAliveChunkedAndContinue() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      out.write("GET /a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      assertTrue(readResponse(in).endsWith("GET 0"));
      out.write(
          ("POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      assertTrue(readResponse(in).endsWith("POST 11"));
      out.write(
          "POST /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      assertEquals("HTTP/1.1 100 Continue", in.readLine());
      assertEquals("", in.readLine());
      out.write("abc".getBytes(StandardCharsets.ISO_8859_1));
      assertTrue(readResponse(in).endsWith("POST 3"));
    }
    assertEquals(3, journal.snapshot().size());
  }

  @Test
  void boundedHeadersAndBodies() throws Exception {
    String big = "X-Big: " + "a".repeat(7000) + "\r\n";
    assertTrue(
        exchange("GET / HTTP/1.1\r\n" + big + big + big + "\r\n").startsWith("HTTP/1.1 431 "));
    assertTrue(
        exchange("POST / HTTP/1.1\r\nContent-Length: 5000000\r\n\r\n").startsWith("HTTP/1.1 413 "));
    assertTrue(exchange("NONSENSE\r\n\r\n").startsWith("HTTP/1.1 400 "));
    assertTrue(
        exchange("GET /a b HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400 "),
        "an unencoded space in the target is a bad request");
  }

  @Test
  void latencyIsAppliedOnTheServerSideAndRequestsStillComplete() throws Exception {
    // Not a timing assertion: the delayed answer arrives whole, on the server's own thread.
    FaultPlan plan = new FaultPlan();
    plan.baseLatency(Duration.ofMillis(5));
    FaultPlan.Target x = new FaultPlan.Target("x", io.nvrkit.testkit.DeviceOperation.OTHER, false);
    assertEquals(Duration.ofMillis(5), plan.decide(x).delay());
    plan.once(FaultPlan.Rule.on("x", io.nvrkit.testkit.Fault.latency(Duration.ofMillis(10))));
    assertEquals(Duration.ofMillis(15), plan.decide(x).delay());
    assertEquals(Duration.ofMillis(5), plan.decide(x).delay());
  }

  private String exchange(String raw) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      s.setSoTimeout(5000);
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void redactorHidesSecretsAndTheirUnencodedTails() {
    assertEquals(
        "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=***&***&pwdOld=***",
        Redactor.redactTarget(
            "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=N3w&Pa%20ss+&pwdOld=Old"));
    assertEquals(
        "/x?action=addUser&user.Name=ops&user.Password=***&user.Group=user",
        Redactor.redactTarget(
            "/x?action=addUser&user.Name=ops&user.Password=S3cret!&user.Group=user"));
    assertEquals("/plain", Redactor.redactTarget("/plain"));
  }
}
