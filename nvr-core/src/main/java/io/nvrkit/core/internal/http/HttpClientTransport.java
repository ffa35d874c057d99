package io.nvrkit.core.internal.http;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.ExchangeListener;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.TlsTrustException;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpRequest.AuthScheme;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeviceHttp} on Apache HttpClient 5 (classic, blocking).
 *
 * <h2>Connections</h2>
 *
 * A per-session view of the kit's {@link SharedTransport}: its one pool (at most {@value
 * SharedTransport#MAX_PER_ROUTE} connections to a device), keep-alive honoured within the session
 * (connections are not shared between sessions). HttpClient's automatic retries, redirects,
 * cookies, content decompression and its own authentication handling are all off: every request is
 * sent exactly as the adapter described it, and only this class answers authentication challenges.
 *
 * <h2>Timeouts</h2>
 *
 * Connect and response (socket inactivity) timeouts come from {@link ConnectOptions}. The total
 * timeout bounds one {@link #execute} call, challenge round included: the kit's scheduler
 * {@linkplain HttpUriRequestBase#cancel() cancels} the request when it expires, so a device that
 * dribbles its body cannot hold the caller. All three map to {@link DeviceUnreachableException}.
 * Its {@link DeviceUnreachableException#credentialsPossiblySent()} is false only when no byte of
 * the request can have been written: the connection could not be opened (refused, connect timeout,
 * unknown host, handshake lost) or the total timeout had expired before the round began; any
 * failure after a request was written (reset, response timeout, closed without an answer) leaves it
 * true.
 *
 * <h2>Authentication (round trips per {@link #execute})</h2>
 *
 * <ul>
 *   <li>Anonymous request: 1.
 *   <li>Digest, first request, or a device with single-use nonces: 2 (the request without
 *       credentials draws the challenge, the answer carries them).
 *   <li>Digest, later requests while the device accepts the cached nonce: 1 (the {@code
 *       Authorization} is sent pre-emptively with the next {@code nc}).
 *   <li>Digest, cached nonce refused ({@code stale=true}, or the device turns out to use single-use
 *       nonces): 2, the fresh challenge being answered once. A device that refused a reused nonce
 *       once is not sent pre-emptive credentials again by this transport.
 * </ul>
 *
 * Lockout safety: at most one challenge is answered per {@link #execute} call, and credentials not
 * yet accepted on this transport are sent pre-emptively only after the device has shown that it
 * accepts reused nonces (so a refusal then means a wrong password, not a used nonce). A 401 that
 * remains is returned to the adapter, never retried. Basic is used only when the request and {@link
 * ConnectOptions#allowBasicAuth()} both allow it and the device offers nothing else; a device that
 * offers only schemes we may not or cannot use causes a {@link ProtocolException}.
 *
 * <h2>Limits and logging</h2>
 *
 * A response body larger than {@link ConnectOptions#maxResponseBytes()} (by Content-Length, or
 * while streaming) cancels the exchange without draining the body and throws {@link
 * ProtocolException}. Response header lines are limited to {@value SharedTransport#MAX_LINE_LENGTH}
 * characters and {@value SharedTransport#MAX_HEADER_COUNT} headers. Each exchange is logged at
 * DEBUG in one line (operation, method, host, request-target with secret parameters as {@code ***},
 * status, milliseconds); bodies and {@code Authorization} are never logged.
 *
 * <p>{@link #roundTrips()} counts every HTTP exchange attempted, the challenge round included, also
 * one that then failed (timeout, reset). Thread-safe.
 */
final class HttpClientTransport implements DeviceHttp {
  private static final Logger LOG = LoggerFactory.getLogger(HttpClientTransport.class);

  private final SharedTransport shared;
  private final DeviceEndpoint endpoint;
  private final ConnectOptions options;
  private final RequestConfig requestConfig;
  private final HttpHost target;
  private final URI base;
  private final String key;
  private final String deviceText;
  private final TlsSocketStrategy tls;

  /** Whether a connection of this view may have stayed open in the pool. */
  private volatile boolean mayHaveIdle;

  private final AtomicLong roundTrips = new AtomicLong();
  private final DigestState digest = new DigestState();
  private volatile boolean closed;

  @SuppressWarnings("deprecation") // the per-request connect timeout: the pool is shared
  HttpClientTransport(SharedTransport shared, DeviceEndpoint endpoint, ConnectOptions options) {
    this.shared = shared;
    this.endpoint = endpoint;
    this.options = options;
    this.target = new HttpHost(endpoint.scheme(), endpoint.host(), endpoint.port());
    // built once per view, not per exchange (DeviceEndpoint builds them on every call)
    this.base = endpoint.uri();
    this.key = endpoint.key();
    this.deviceText = base.toString();
    this.tls = endpoint.isTls() ? tlsStrategy(endpoint) : null;
    this.requestConfig =
        RequestConfig.custom()
            .setConnectTimeout(Timeout.of(options.connectTimeout()))
            .setConnectionRequestTimeout(Timeout.of(options.totalTimeout()))
            .setResponseTimeout(Timeout.of(options.responseTimeout()))
            .setRedirectsEnabled(false)
            .setAuthenticationEnabled(false)
            .setExpectContinueEnabled(false)
            .setContentCompressionEnabled(false)
            .setProtocolUpgradeEnabled(false)
            .setHardCancellationEnabled(true)
            .build();
  }

  private TlsSocketStrategy tlsStrategy(DeviceEndpoint e) {
    TlsTrust trust = e.tlsTrust();
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      if (trust instanceof TlsTrust.SystemDefault) {
        ctx.init(null, null, null);
        return ClientTlsStrategyBuilder.create()
            .setSslContext(ctx)
            .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
            .buildClassic();
      }
      TrustManager tm;
      if (trust instanceof TlsTrust.Pinned) {
        tm = PinningTrustManager.pinned(e.key(), ((TlsTrust.Pinned) trust).sha256Base64());
      } else if (trust instanceof TlsTrust.TrustOnFirstUse) {
        tm =
            PinningTrustManager.trustOnFirstUse(
                e.key(), ((TlsTrust.TrustOnFirstUse) trust).store());
      } else {
        tm = new InsecureTrustManager();
        if (shared.firstInsecureWarning(e.key())) {
          LOG.warn(
              "TLS certificate verification is OFF for {} (TlsTrust.insecure()); "
                  + "pin the device's key instead",
              e.key());
        }
      }
      ctx.init(null, new TrustManager[] {tm}, null);
      return ClientTlsStrategyBuilder.create()
          .setSslContext(ctx)
          .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
          .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
          .buildClassic();
    } catch (GeneralSecurityException ex) {
      throw new TlsTrustException("cannot set up TLS", e.toString(), null, ex);
    }
  }

  @Override
  public DeviceHttpResponse execute(DeviceHttpRequest request) {
    if (closed) {
      throw new IllegalStateException("this DeviceHttp is closed");
    }
    String device = deviceText;
    switch (PlaintextGuard.decide(endpoint, request.carriesNewSecret())) {
      case REFUSE:
        throw new io.nvrkit.core.PlaintextRefusedException(
            "refusing to send a new password over plain HTTP to a non-loopback address; "
                + "use https, or allow plaintext secrets for this endpoint explicitly",
            device,
            request.operation());
      case SEND_WITH_WARNING:
        LOG.warn(
            "sending a new password over plain HTTP to {} ({}): plaintext secrets are allowed for"
                + " this endpoint",
            endpoint.key(),
            request.operation());
        break;
      default:
        break;
    }
    checkTarget(request.pathAndQuery());
    long deadline = System.nanoTime() + options.totalTimeout().toNanos();
    Credentials creds = request.auth().isEmpty() ? null : request.credentials();
    boolean digestAllowed = creds != null && request.auth().contains(AuthScheme.DIGEST);
    String target = endpoint.basePath() + request.pathAndQuery();

    DigestState.Preemptive pre = digestAllowed ? digest.preemptive(creds) : null;
    String auth1 =
        pre == null
            ? null
            : Digest.authorization(
                pre.challenge(), creds, request.method(), target, request.body(), pre.nc());
    DeviceHttpResponse r1 = exchange(request, target, auth1, deadline, 1);
    if (creds == null) {
      return r1;
    }
    if (r1.status() != 401) {
      if (pre != null) {
        digest.accepted(pre, creds, r1);
      }
      return r1;
    }
    List<AuthChallenge> challenges = AuthChallenge.parse(r1.headers("www-authenticate"));
    Digest.Challenge fresh = digestAllowed ? Digest.choose(challenges) : null;
    if (pre != null) {
      // Our pre-emptive Authorization was refused.
      if (fresh == null) {
        digest.forget();
        return r1;
      }
      if (!fresh.stale() && !pre.proven()) {
        // A reused nonce is known to work here, and the credentials were never accepted: the
        // device refused the password. Do not spend a second attempt.
        digest.refused(fresh);
        return r1;
      }
      if (!fresh.stale() && digest.reuseConfirmed()) {
        // This device accepts reused nonces, so a refusal without stale=true refuses the
        // password itself (changed elsewhere): answering again would spend a second attempt
        // that the adapter's lockout budget never sees.
        digest.refused(fresh);
        return r1;
      }
      if (!fresh.stale()) {
        digest.reuseRefusedOnce();
      }
    } else if (fresh == null) {
      boolean basicOffered = challenges.stream().anyMatch(c -> c.is("Basic"));
      boolean anyOffered = !challenges.isEmpty();
      if (basicOffered
          && request.auth().contains(AuthScheme.BASIC)
          && options.allowBasicAuth()
          && challenges.stream().noneMatch(c -> c.is("Digest"))) {
        if (PlaintextGuard.decide(endpoint, true) == PlaintextGuard.Decision.REFUSE) {
          // Basic sends the login password itself: the same rule as for a new password
          throw new io.nvrkit.core.PlaintextRefusedException(
              "refusing HTTP Basic over plain HTTP to a non-loopback address; use https, or"
                  + " allow plaintext secrets for this endpoint explicitly",
              device,
              request.operation());
        }
        return exchange(request, target, basic(creds), deadline, 2);
      }
      if (anyOffered) {
        throw new ProtocolException(
            "device asks for HTTP authentication this request may not or cannot use ("
                + schemes(challenges)
                + "); Basic needs ConnectOptions.allowBasicAuth and a request that allows it",
            device,
            request.operation(),
            null);
      }
      return r1; // a 401 without a challenge: the adapter interprets it (e.g. account locked)
    }
    DigestState.Preemptive answer = digest.answering(fresh);
    String auth2 =
        Digest.authorization(fresh, creds, request.method(), target, request.body(), answer.nc());
    DeviceHttpResponse r2 = exchange(request, target, auth2, deadline, 2);
    if (r2.status() == 401) {
      digest.refused(Digest.choose(AuthChallenge.parse(r2.headers("www-authenticate"))));
    } else {
      digest.accepted(answer, creds, r2);
    }
    return r2;
  }

  /** The request-target goes on the wire as is: it must be an encoded absolute path. */
  private static void checkTarget(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("pathAndQuery must start with /");
    }
    for (int i = 0; i < pathAndQuery.length(); i++) {
      char c = pathAndQuery.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '#') {
        throw new IllegalArgumentException(
            "pathAndQuery must be percent-encoded (character at index " + i + " is not allowed)");
      }
    }
  }

  private static String schemes(List<AuthChallenge> challenges) {
    StringBuilder sb = new StringBuilder();
    for (AuthChallenge c : challenges) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(c.scheme().length() > 20 ? c.scheme().substring(0, 20) : c.scheme());
      String alg = c.param("algorithm");
      if (alg != null) {
        sb.append(' ').append(alg.length() > 20 ? alg.substring(0, 20) : alg);
      }
    }
    return sb.toString();
  }

  private static String basic(Credentials c) {
    char[] pw = c.secret().copyChars();
    char[] all = new char[c.user().length() + 1 + pw.length];
    c.user().getChars(0, c.user().length(), all, 0);
    all[c.user().length()] = ':';
    System.arraycopy(pw, 0, all, c.user().length() + 1, pw.length);
    Arrays.fill(pw, '\0');
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(all));
    Arrays.fill(all, '\0');
    byte[] raw = new byte[bb.remaining()];
    bb.get(raw);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    String header = "Basic " + Base64.getEncoder().encodeToString(raw);
    Arrays.fill(raw, (byte) 0);
    return header;
  }

  /** One HTTP round trip. */
  private DeviceHttpResponse exchange(
      DeviceHttpRequest r, String target, String authorization, long deadline, int round) {
    String device = deviceText;
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw new DeviceUnreachableException(
          "total timeout of " + options.totalTimeout().toMillis() + " ms exceeded",
          device,
          r.operation(),
          false,
          null);
    }
    HttpUriRequestBase hr = new HttpUriRequestBase(r.method(), base);
    hr.setPath(target);
    for (Map.Entry<String, String> h : r.headers()) {
      // a bearer token (reset desk) is the one Authorization a caller may set, and only on a
      // request without credentials, so it never competes with Digest/Basic
      boolean bearer =
          r.credentials() == null && h.getValue().regionMatches(true, 0, "Bearer ", 0, 7);
      if (h.getKey().equalsIgnoreCase("Authorization") && !bearer) {
        throw new IllegalArgumentException("adapters must not set Authorization themselves");
      }
      hr.addHeader(h.getKey(), h.getValue());
    }
    if (!hr.containsHeader("User-Agent")) {
      hr.setHeader("User-Agent", "nvrkit");
    }
    if (authorization != null) {
      hr.setHeader("Authorization", authorization);
    }
    if (r.body() != null) {
      ContentType ct = r.contentType() == null ? null : ContentType.parse(r.contentType());
      hr.setEntity(new ByteArrayEntity(r.body(), ct));
    }
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> timer =
        shared
            .timer()
            .schedule(
                () -> {
                  expired.set(true);
                  hr.cancel();
                },
                remaining,
                TimeUnit.NANOSECONDS);
    roundTrips.incrementAndGet();
    long t0 = System.nanoTime();
    int status = -1;
    try {
      HttpClientContext ctx = HttpClientContext.create();
      ctx.setRequestConfig(requestConfig);
      if (tls != null) {
        ctx.setAttribute(SharedTransport.TLS_ATTRIBUTE, tls);
      }
      ClassicHttpResponse resp =
          shared.inPartition(this, () -> shared.client().executeOpen(this.target, hr, ctx));
      try {
        status = resp.getCode();
        if (!mayHaveIdle && !closes(resp)) {
          mayHaveIdle = true;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : resp.getHeaders()) {
          headers
              .computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .add(h.getValue());
        }
        byte[] body = readBounded(hr, resp.getEntity(), r.operation());
        return new DeviceHttpResponse(status, headers, body);
      } finally {
        closeQuietly(resp);
      }
    } catch (IOException e) {
      if (expired.get()) {
        throw new DeviceUnreachableException(
            "total timeout of " + options.totalTimeout().toMillis() + " ms exceeded",
            device,
            r.operation(),
            e);
      }
      // a round without an Authorization header, of a request whose credentials the transport
      // manages, carried none: the device cannot have counted it as a failed login
      boolean sent = authorization != null || r.credentials() == null || r.auth().isEmpty();
      throw map(e, r.operation(), sent);
    } finally {
      timer.cancel(false);
      long elapsed = System.nanoTime() - t0;
      shared
          .listener()
          .exchanged(
              new ExchangeListener.Exchange(
                  key,
                  r.operation(),
                  r.method(),
                  status,
                  java.time.Duration.ofNanos(elapsed),
                  round));
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} {} {}{} -> {} in {} ms (round {})",
            r.operation(),
            r.method(),
            key,
            Redaction.requestTarget(target, r.secretParams()),
            status < 0 ? "failed" : status,
            (System.nanoTime() - t0) / 1_000_000,
            round);
      }
    }
  }

  /** Whether the device said it closes the connection after this response (Dahua firmware). */
  private static boolean closes(ClassicHttpResponse resp) {
    Header c = resp.getFirstHeader("Connection");
    return c != null && c.getValue().regionMatches(true, 0, "close", 0, 5);
  }

  private byte[] readBounded(HttpUriRequestBase hr, HttpEntity entity, String operation)
      throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    long max = Math.min(options.maxResponseBytes(), Integer.MAX_VALUE - 16);
    if (entity.getContentLength() > max) {
      hr.cancel();
      throw tooLarge(operation, "Content-Length " + entity.getContentLength());
    }
    try (InputStream in = entity.getContent()) {
      if (in == null) {
        return new byte[0];
      }
      byte[] b = in.readNBytes((int) max + 1);
      if (b.length > max) {
        hr.cancel(); // before the stream is closed, so that closing does not drain the rest
        throw tooLarge(operation, "more than " + max + " bytes");
      }
      return b;
    }
  }

  private ProtocolException tooLarge(String operation, String what) {
    return new ProtocolException(
        "response body too large ("
            + what
            + "; limit "
            + options.maxResponseBytes()
            + " bytes); exchange aborted",
        endpoint.toString(),
        operation,
        null);
  }

  private static void closeQuietly(ClassicHttpResponse resp) {
    try {
      resp.close();
    } catch (IOException | RuntimeException ignored) {
      // the connection is discarded either way
    }
  }

  private NvrException map(IOException e, String op, boolean sent) {
    String device = deviceText;
    if (has(e, CertificateException.class) || has(e, SSLPeerUnverifiedException.class)) {
      PinningTrustManager.PinMismatchException pm =
          find(e, PinningTrustManager.PinMismatchException.class);
      String msg;
      if (pm != null) {
        msg = "TLS " + pm.getMessage();
      } else if (endpoint.tlsTrust() instanceof TlsTrust.SystemDefault) {
        msg =
            "TLS certificate not trusted by the system trust store or not issued for this host"
                + " (for a self-signed recorder, pin its key or use trust on first use)";
      } else {
        msg = "TLS certificate not trusted";
      }
      return new TlsTrustException(msg, device, op, e);
    }
    if (has(e, SSLHandshakeException.class)) {
      if (has(e, EOFException.class) || has(e, SocketException.class)) {
        return new DeviceUnreachableException(
            "connection lost during the TLS handshake", device, op, false, e);
      }
      return new TlsTrustException("TLS handshake failed", device, op, e);
    }
    if (e instanceof ConnectTimeoutException) {
      return new DeviceUnreachableException(
          "connect timed out after " + options.connectTimeout().toMillis() + " ms",
          device,
          op,
          false,
          e);
    }
    if (e instanceof HttpHostConnectException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException) {
      return new DeviceUnreachableException("connection refused", device, op, false, e);
    }
    if (e instanceof UnknownHostException) {
      return new DeviceUnreachableException("unknown host", device, op, false, e);
    }
    if (e instanceof SocketTimeoutException) {
      return new DeviceUnreachableException(
          "no response within the response timeout of "
              + options.responseTimeout().toMillis()
              + " ms",
          device,
          op,
          sent,
          e);
    }
    if (e instanceof NoHttpResponseException) {
      return new DeviceUnreachableException(
          "device closed the connection without answering", device, op, sent, e);
    }
    if (e instanceof TruncatedChunkException || e instanceof ConnectionClosedException) {
      return new DeviceUnreachableException(
          "connection closed before the response was complete", device, op, sent, e);
    }
    if (e instanceof MessageConstraintException
        || e instanceof MalformedChunkCodingException
        || e instanceof ClientProtocolException
        || has(e, HttpException.class)) {
      return new ProtocolException("malformed HTTP response", device, op, e);
    }
    if (e instanceof InterruptedIOException) {
      return new DeviceUnreachableException("exchange interrupted", device, op, sent, e);
    }
    return new DeviceUnreachableException(
        "I/O error (" + e.getClass().getSimpleName() + ")", device, op, sent, e);
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    return find(t, type) != null;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  @Override
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  /** See {@link DeviceHttp#createSingleUseNonces}. */
  void singleUseNonces() {
    digest.singleUseNonces();
  }

  @Override
  public long roundTrips() {
    return roundTrips.get();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      shared.viewClosed(mayHaveIdle);
    }
  }

  @Override
  public String toString() {
    return "DeviceHttp[" + endpoint.key() + "]";
  }
}
