package io.nvrkit.testkit.internal.engine;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.FaultKind;
import io.nvrkit.testkit.RecordedRequest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 (and HTTPS) server of one fake device. It listens on its own port, accepts through
 * its owner's {@link Acceptor}, parses requests with bounded sizes (request line 8 KiB, headers 16
 * KiB, body 1 MiB; Content-Length and chunked bodies; {@code Expect: 100-continue}), keeps
 * connections alive unless either side says {@code Connection: close}, applies the {@link
 * FaultPlan}, calls the {@link Personality}, and records every request in the {@link Journal}.
 *
 * <p>Faults need socket control, which is why this is plain sockets and not a framework: a reset is
 * {@code SO_LINGER 0} then close (the client sees a TCP RST); a slow body is written a byte at a
 * time; an oversized body is streamed from a small buffer. Latency is a delay on the server's own
 * connection thread, never on the test's thread. Thread-safe.
 */
public final class FakeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeServer.class);
  private static final int IDLE_TIMEOUT_MS = 60_000;
  private static final int HANDSHAKE_TIMEOUT_MS = 10_000;

  /** Per-connection stream buffers: device API messages are small, and a fleet has many. */
  private static final int IO_BUFFER = 2048;

  private static final int HEAD_ESTIMATE = 256;

  /** Bytes no parser accepts (invalid UTF-8, a NUL, stray delimiters); a new array. */
  private static byte[] garbage() {
    return new byte[] {
      (byte) 0xC3, 0x28, '<', '{', '"', 0, (byte) 0xFF, '=', '\r', (byte) 0xFE, ']'
    };
  }

  private final Personality personality;
  private final OperationCatalog operations;
  private final FaultPlan faults;
  private final Journal journal;
  private final FakeClock clock;
  private final TlsMaterial tls;
  private final InetAddress bindAddress;
  private final int requestedPort;
  private final Acceptor acceptor;
  private final Set<Socket> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Set<Thread> serving = ConcurrentHashMap.newKeySet();
  private volatile ServerSocketChannel channel;
  private volatile int port;
  private volatile boolean closed;
  private volatile int maxConnections;
  private volatile int maxBodyBytes = HttpWire.MAX_BODY;

  /**
   * A server, not yet listening.
   *
   * @param personality what it speaks
   * @param operations the neutral operations of its protocol names
   * @param faults its faults
   * @param journal its journal
   * @param clock the device clock (journal timestamps)
   * @param tls the TLS material, or null for plain HTTP
   * @param bindAddress the address to listen on
   * @param port the port, 0 for any free one
   * @param acceptor the network loop that accepts its connections (the caller owns and closes it)
   */
  public FakeServer(
      Personality personality,
      OperationCatalog operations,
      FaultPlan faults,
      Journal journal,
      FakeClock clock,
      TlsMaterial tls,
      InetAddress bindAddress,
      int port,
      Acceptor acceptor) {
    this.personality = Objects.requireNonNull(personality, "personality");
    this.operations = Objects.requireNonNull(operations, "operations");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tls = tls;
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    this.requestedPort = port;
    this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
  }

  /**
   * Binds and starts accepting.
   *
   * @throws IOException if the port cannot be bound
   */
  public void start() throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    try {
      ch.bind(new InetSocketAddress(bindAddress, requestedPort), 128);
      this.port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      this.channel = ch;
      acceptor.register(ch, this::serve);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * The port listened on.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The address listened on.
   *
   * @return the address
   */
  public InetAddress address() {
    return bindAddress;
  }

  /**
   * The TCP connections accepted since start (TLS or not).
   *
   * @return the count
   */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /**
   * Limits simultaneous connections: while more than {@code max} are open, every request is
   * answered with the personality's connection-limit response (recorders answer 401 when full).
   *
   * @param max the limit, 0 for none
   */
  public void maxConnections(int max) {
    this.maxConnections = Math.max(0, max);
  }

  /**
   * The largest request body read; a larger one is answered by {@link
   * Personality#bodyTooLarge(FakeRequest)} (or a plain 413) and the connection closed. Default 1
   * MiB.
   *
   * @param max the limit in bytes
   */
  public void maxBodyBytes(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    this.maxBodyBytes = max;
  }

  /**
   * The base URL, {@code http(s)://address:port} (IPv6 in brackets).
   *
   * @return the URL
   */
  public URI url() {
    String host = bindAddress.getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((tls != null ? "https://" : "http://") + host + ":" + port);
  }

  /**
   * The SPKI SHA-256 pin of the certificate, base64.
   *
   * @return the pin; empty for plain HTTP
   */
  public Optional<String> pin() {
    return tls == null ? Optional.empty() : Optional.of(tls.pin());
  }

  /**
   * This server as a device endpoint; over TLS it trusts exactly this server's key.
   *
   * @return the endpoint
   */
  public DeviceEndpoint endpoint() {
    DeviceEndpoint.Builder b = DeviceEndpoint.builder(url());
    pin().ifPresent(p -> b.tlsTrust(TlsTrust.pinned(p)));
    return b.build();
  }

  /**
   * Whether this is HTTPS.
   *
   * @return true for TLS
   */
  public boolean isTls() {
    return tls != null;
  }

  /** Stops listening and closes every open connection. */
  @Override
  public void close() {
    closed = true;
    ServerSocketChannel ch = channel;
    if (ch != null) {
      acceptor.unregister(ch);
    }
    for (Socket s : live) {
      closeQuietly(s);
    }
    live.clear();
    // a connection thread may be pausing (latency, slow body): wake it so it ends now
    for (Thread t : serving) {
      t.interrupt();
    }
  }

  // ------------------------------------------------------------------ connection

  private void serve(SocketChannel ch) {
    Socket raw = null;
    serving.add(Thread.currentThread());
    try {
      ch.configureBlocking(true);
      raw = ch.socket();
      if (closed) {
        closeQuietly(raw);
        return;
      }
      live.add(raw);
      accepted.incrementAndGet();
      raw.setTcpNoDelay(true);
      Socket s = raw;
      if (tls != null) {
        raw.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
        SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory().createSocket(raw, null, true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        s = ssl;
      }
      raw.setSoTimeout(IDLE_TIMEOUT_MS);
      InputStream in = new BufferedInputStream(s.getInputStream(), IO_BUFFER);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), IO_BUFFER);
      InetSocketAddress remote = (InetSocketAddress) raw.getRemoteSocketAddress();
      while (!closed) {
        HttpWire.Head head = null;
        byte[] body;
        try {
          head = HttpWire.readHead(in);
          if (head == null) {
            break;
          }
          String expect = head.first("expect");
          if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            if (tooLarge(head)) {
              throw new HttpWire.BadRequest(413, "body too large");
            }
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
          }
          body = HttpWire.readBody(in, head, maxBodyBytes);
        } catch (HttpWire.BadRequest e) {
          if (e.status == 413 && head != null) {
            tooLargeAnswer(head, remote, out);
          } else {
            writeSimple(out, e.status);
          }
          break;
        }
        Map<String, List<String>> headers = Collections.unmodifiableMap(head.headers());
        FakeRequest req =
            new FakeRequest(head.method(), head.target(), headers, body, remote, tls != null);
        boolean keep = dispatch(req, raw, out);
        if (!keep || wantsClose(head)) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      LOG.trace("idle connection closed");
    } catch (IOException e) {
      LOG.trace("connection ended: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.debug("fake device connection failed", e);
    } finally {
      serving.remove(Thread.currentThread());
      Thread.interrupted(); // a pooled thread must not carry our interrupt into its next task
      if (raw != null) {
        live.remove(raw);
        closeQuietly(raw);
      }
    }
  }

  /** Handles one request; false if the connection must end. */
  private boolean dispatch(FakeRequest req, Socket raw, OutputStream out) throws IOException {
    Instant received = clock.now();
    String protocolOp = operationOf(req);
    FaultPlan.Target op =
        new FaultPlan.Target(
            protocolOp, operations.operationOf(protocolOp), carriesCredentials(req));
    FaultPlan.Decision d = faults.decide(op);
    if (!d.delay().isZero()) {
      if (!pause(d.delay())) {
        return false;
      }
    }
    Fault f = d.fault();
    int limit = maxConnections;
    if (f == null && limit > 0 && live.size() > limit) {
      f = Fault.connectionLimit();
    }
    FaultKind kind = f == null ? null : f.kind();
    if (f instanceof Fault.ResetBeforeResponse) {
      record(req, received, op, "", 0, false, kind, d.delay());
      reset(raw);
      return false;
    }
    FakeResponse resp;
    if (f instanceof Fault.HttpStatus) {
      int st = ((Fault.HttpStatus) f).status();
      String reason = HttpWire.reason(st);
      resp =
          FakeResponse.text(st, reason, "text/plain;charset=utf-8", "Error\r\n" + reason + "\r\n");
    } else if (f instanceof Fault.ConnectionLimit) {
      resp = personality.connectionLimitResponse(req);
    } else {
      resp = handle(req);
    }
    if (f instanceof Fault.ApplyThenDrop && (resp.status() < 200 || resp.status() > 299)) {
      // Nothing was applied (e.g. a digest challenge or a refused login): the device answers
      // normally, and a once-only fault waits for the request the device really applies.
      if (d.onceRule() != null) {
        faults.rearm(d.onceRule());
      }
      f = null;
      kind = null;
    }
    if (f instanceof Fault.ApplyThenDrop) {
      // handled (the change applied), the answer lost: the journal keeps the status it had
      record(req, received, op, resp.user(), resp.status(), false, kind, d.delay());
      reset(raw);
      return false;
    }
    if (resp.isReset()) {
      record(req, received, op, resp.user(), 0, false, kind, d.delay());
      reset(raw);
      return false;
    }
    record(req, received, op, resp.user(), resp.status(), true, kind, d.delay());
    boolean close = closeRequested(resp);
    if (f instanceof Fault.MalformedBody) {
      byte[] b = resp.body();
      byte[] garbage = garbage();
      byte[] bad = Arrays.copyOf(b, b.length / 2 + garbage.length);
      System.arraycopy(garbage, 0, bad, b.length / 2, garbage.length);
      HttpWire.writeHead(out, resp.status(), resp.reason(), resp.headers(), bad.length);
      out.write(bad);
      out.flush();
    } else if (f instanceof Fault.SlowBody) {
      Duration per = ((Fault.SlowBody) f).perByte();
      HttpWire.writeHead(out, resp.status(), resp.reason(), resp.headers(), resp.body().length);
      out.flush();
      for (byte x : resp.body()) {
        if (!pause(per)) {
          return false;
        }
        out.write(x);
        out.flush();
      }
    } else if (f instanceof Fault.OversizedBody) {
      long n = ((Fault.OversizedBody) f).bytes();
      HttpWire.writeHead(out, resp.status(), resp.reason(), resp.headers(), n);
      byte[] chunk = new byte[8192];
      byte[] pattern = resp.body().length == 0 ? new byte[] {'x'} : resp.body();
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = pattern[i % pattern.length];
      }
      long left = n;
      while (left > 0) {
        int k = (int) Math.min(left, chunk.length);
        out.write(chunk, 0, k);
        left -= k;
      }
      out.flush();
    } else {
      // header and body in one write, so that the answer leaves in one segment (a header sent
      // alone makes a Nagle sender wait for the client's delayed ACK on a kept-alive connection)
      byte[] body = resp.body();
      ByteArrayOutputStream whole = new ByteArrayOutputStream(HEAD_ESTIMATE + body.length);
      HttpWire.writeHead(whole, resp.status(), resp.reason(), resp.headers(), body.length);
      whole.write(body);
      out.flush();
      whole.writeTo(out);
      out.flush();
    }
    return !close;
  }

  private boolean tooLarge(HttpWire.Head head) {
    String len = head.first("content-length");
    try {
      return len != null && Long.parseLong(len.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The personality's answer to a body over the limit (the body is not read). */
  private void tooLargeAnswer(HttpWire.Head head, InetSocketAddress remote, OutputStream out)
      throws IOException {
    FakeResponse r = null;
    try {
      FakeRequest req =
          new FakeRequest(
              head.method(),
              head.target(),
              Collections.unmodifiableMap(head.headers()),
              new byte[0],
              remote,
              tls != null);
      r = personality.bodyTooLarge(req);
    } catch (RuntimeException e) {
      LOG.debug("personality {} failed on a too large request", personality.name(), e);
    }
    if (r == null) {
      writeSimple(out, 413);
      return;
    }
    List<Map.Entry<String, String>> h = new java.util.ArrayList<>(r.headers());
    h.add(Map.entry("Connection", "close"));
    HttpWire.writeHead(out, r.status(), r.reason(), h, r.body().length);
    out.write(r.body());
    out.flush();
  }

  private String operationOf(FakeRequest req) {
    try {
      return personality.operationOf(req);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private boolean carriesCredentials(FakeRequest req) {
    try {
      return personality.carriesCredentials(req);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private FakeResponse handle(FakeRequest req) {
    try {
      return personality.handle(req);
    } catch (RuntimeException e) {
      LOG.debug("personality {} failed on a request", personality.name(), e);
      return FakeResponse.text(
          500, "Internal Server Error", "text/plain;charset=utf-8", "Error\r\nInternal Error!\r\n");
    }
  }

  private void record(
      FakeRequest req,
      Instant received,
      FaultPlan.Target op,
      String user,
      int status,
      boolean answered,
      FaultKind kind,
      Duration delay) {
    String protocolOp = op.protocolOperation();
    journal.add(
        new RecordedRequest(
            received,
            req.method(),
            req.rawPath(),
            Redactor.redactTarget(req.rawTarget()),
            protocolOp == null ? DeviceOperation.OTHER : op.operation(),
            protocolOp == null ? "" : protocolOp,
            op.credentials(),
            user == null ? "" : user,
            status,
            answered,
            kind,
            delay));
  }

  private static boolean wantsClose(HttpWire.Head head) {
    String c = head.first("connection");
    if (head.version().equals("HTTP/1.0")) {
      return c == null || !c.equalsIgnoreCase("keep-alive");
    }
    return c != null && c.toLowerCase(Locale.ROOT).contains("close");
  }

  private static boolean closeRequested(FakeResponse resp) {
    String c = resp.header("connection");
    return c != null && c.toLowerCase(Locale.ROOT).contains("close");
  }

  private static boolean pause(Duration d) {
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void writeSimple(OutputStream out, int status) {
    try {
      String reason = HttpWire.reason(status);
      byte[] body = ("Error\r\n" + reason + "!\r\n").getBytes(StandardCharsets.UTF_8);
      HttpWire.writeHead(
          out,
          status,
          reason,
          List.of(
              Map.entry("Content-Type", "text/plain;charset=utf-8"),
              Map.entry("Connection", "close")),
          body.length);
      out.write(body);
      out.flush();
    } catch (IOException e) {
      LOG.trace("could not answer a bad request");
    }
  }

  /** TCP RST: linger 0, then close the raw socket (no TLS close_notify). */
  static void reset(Socket raw) {
    try {
      raw.setSoLinger(true, 0);
    } catch (IOException e) {
      LOG.trace("SO_LINGER failed");
    }
    closeQuietly(raw);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
