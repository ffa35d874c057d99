package io.nvrkit.onvif.internal;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.spi.DeviceClock;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpRequest.AuthScheme;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation with one ONVIF device service: builds each SOAP request, authenticates it,
 * classifies the answer and maps faults. This is where the authentication rules live:
 *
 * <ul>
 *   <li><b>Mode.</b> WS-UsernameToken (PasswordDigest, Created on the learned device clock) is used
 *       when the device advertises it or advertises nothing; HTTP Digest (via the transport) when
 *       the device advertises only Digest. Never both in one request.
 *   <li><b>Switching, not retrying.</b> A {@code 401} carrying a Digest challenge to a request sent
 *       without HTTP credentials means the device never looked at our password at the HTTP level:
 *       the same call is sent once with Digest (and only Digest) from then on. A SOAP NotAuthorized
 *       answered, without any challenge, to a Digest-mode request on a fresh session means the
 *       device ignores HTTP authentication: the call is sent once with a UsernameToken. Neither is
 *       a retry of a refused password.
 *   <li><b>Clock.</b> When NotAuthorized follows earlier success in WS mode, the clock offset is
 *       learned again once per session; only if it moved by at least {@link #CLOCK_MOVE} is the
 *       call sent again (the earlier failure was the clock, not the password).
 *   <li><b>Lock-out.</b> Every authenticated request first asks the kit's {@link LockoutLedger};
 *       refused credentials are counted there (default budget {@link #DEFAULT_BUDGET} failures per
 *       {@link #LOCKOUT_WINDOW}); a "You still have N attempt(s)" reason is learned.
 *   <li><b>Privilege.</b> NotAuthorized after the credentials were proven (and the clock ruled out)
 *       is a privilege refusal: {@link DeviceRejectedException} {@code ter:NotAuthorized}, not
 *       counted as a failed login.
 * </ul>
 *
 * <p>Thread-safe: calls are serialized.
 */
public final class OnvifSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnvifSession.class);

  /** The conventional device service path. */
  public static final String DEFAULT_PATH = "/onvif/device_service";

  /**
   * Failed logins the client allows itself per device and user: 2, so that the third failure (which
   * locks the strictest devices in the field: older Lorex/Hikvision lock after 3; Dahua after 5) is
   * never spent automatically.
   */
  public static final int DEFAULT_BUDGET = 2;

  /** How long a device remembers failed logins (typical lock time, 30 minutes). */
  public static final Duration LOCKOUT_WINDOW = Duration.ofMinutes(30);

  /** The clock must have moved at least this much for a NotAuthorized to be tried again. */
  public static final Duration CLOCK_MOVE = Duration.ofSeconds(2);

  private static final String SOAP_CT = "application/soap+xml; charset=utf-8";

  /** How requests are authenticated. */
  public enum AuthMode {
    /** WS-Security UsernameToken with PasswordDigest in the SOAP header. */
    WS_USERNAME_TOKEN,
    /** HTTP Digest (or Basic where allowed) answered by the transport. */
    HTTP
  }

  private final DeviceEndpoint endpoint;
  private final String device;
  private final DeviceHttp http;
  private final String path;
  private final DeviceClock clock;
  private final LockoutLedger guard;
  private final ConnectOptions options;
  private final Object lock = new Object();

  private volatile Credentials credentials;
  private volatile AuthMode mode = AuthMode.WS_USERNAME_TOKEN;
  private volatile boolean proven;
  private volatile boolean relearned;
  private volatile boolean preAuthNeedsAuth;
  private final java.util.concurrent.atomic.AtomicInteger clockGeneration =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile Capabilities caps = Capabilities.UNKNOWN;
  private volatile Responses.SystemDateTime lastDateTime;

  /**
   * A session.
   *
   * @param endpoint the device as the caller named it
   * @param http the transport (for the endpoint without its path)
   * @param credentials the login, or null for an anonymous session (probe)
   * @param options the options
   * @param clock the device clock
   * @param guard the lock-out guard
   */
  public OnvifSession(
      DeviceEndpoint endpoint,
      DeviceHttp http,
      Credentials credentials,
      ConnectOptions options,
      DeviceClock clock,
      LockoutLedger guard) {
    this.endpoint = endpoint;
    this.device = endpoint.toString();
    this.http = http;
    this.path = servicePath(endpoint);
    this.credentials = credentials;
    this.options = options;
    this.clock = clock;
    this.guard = guard;
  }

  /**
   * The request path: the endpoint's path if it has one, else {@value #DEFAULT_PATH}.
   *
   * @param e the endpoint
   * @return the path
   */
  public static String servicePath(DeviceEndpoint e) {
    return e.basePath().isEmpty() ? DEFAULT_PATH : e.basePath();
  }

  /**
   * The endpoint the transport is created for: the same scheme, host, port and trust, without a
   * path (the service path goes into each request).
   *
   * @param e the endpoint
   * @return the transport endpoint
   */
  public static DeviceEndpoint transportEndpoint(DeviceEndpoint e) {
    if (e.basePath().isEmpty()) {
      return e;
    }
    return DeviceEndpoint.builder(e.scheme() + "://" + e.key())
        .tlsTrust(e.tlsTrust())
        .allowPlaintextSecrets(e.allowPlaintextSecrets())
        .build();
  }

  // ------------------------------------------------------------------------------------------
  // state

  /** The endpoint. */
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  /** The device clock. */
  public DeviceClock clock() {
    return clock;
  }

  /** What the device advertised. */
  public Capabilities capabilities() {
    return caps;
  }

  /** The authentication mode in use. */
  public AuthMode mode() {
    return mode;
  }

  /**
   * Forces a mode (used after reading capabilities, and by tests).
   *
   * @param m the mode
   */
  public void mode(AuthMode m) {
    this.mode = m;
  }

  /**
   * Takes over another session's capabilities and mode (a verification session for the same device
   * needs no second GetServices).
   *
   * @param o the other session
   */
  public void adoptCapabilities(OnvifSession o) {
    this.caps = o.caps;
    this.mode = o.mode;
    this.lastDateTime = o.lastDateTime;
  }

  /** The credentials, or null. */
  public Credentials credentials() {
    return credentials;
  }

  /**
   * Switches the session to new credentials (after its own password was changed).
   *
   * @param c the new credentials
   */
  public void credentials(Credentials c) {
    this.credentials = c;
  }

  /** The last GetSystemDateAndTime answer, or null. */
  public Responses.SystemDateTime lastDateTime() {
    return lastDateTime;
  }

  /** HTTP round trips so far. */
  public long roundTrips() {
    return http.roundTrips();
  }

  /** The device as {@code scheme://host:port/path}, for exceptions. */
  public String device() {
    return device;
  }

  @Override
  public void close() {
    http.close();
  }

  // ------------------------------------------------------------------------------------------
  // connect steps

  /**
   * GetSystemDateAndTime anonymously; with credentials if the device insists (401 challenge or
   * NotAuthorized) and the session has them. Learns the clock offset.
   *
   * @return the answer
   */
  public Responses.SystemDateTime learnClock() {
    synchronized (lock) {
      Exchange x = send("GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"), null);
      if (x.ok()) {
        return learnFrom(x);
      }
      boolean insists = x.challenged() || x.notAuthorized() || x.status == 401;
      if (!insists || credentials == null) {
        throw failure("GetSystemDateAndTime", x);
      }
      LOG.debug("{} demands credentials for GetSystemDateAndTime", device);
      preAuthNeedsAuth = true;
      if (x.challenged()) {
        mode = AuthMode.HTTP;
      }
    }
    long t0 = clock.nanos();
    XmlElement r = call("GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"), false);
    long t1 = clock.nanos();
    return learnFrom(r, t0, t1);
  }

  private Responses.SystemDateTime learnFrom(Exchange x) {
    return learnFrom(x.response, x.sentNanos, x.receivedNanos);
  }

  private Responses.SystemDateTime learnFrom(XmlElement response, long sentNanos, long rcvNanos) {
    Responses.SystemDateTime sdt = Responses.systemDateAndTime(response);
    lastDateTime = sdt;
    Instant utc = sdt.utc();
    if (utc == null && sdt.local() != null) {
      // no UTCDateTime (CORE says it shall be there): use local time and the TZ offset if any
      ZoneOffset off = Responses.posixStandardOffset(sdt.posixTz()).orElse(ZoneOffset.UTC);
      utc = sdt.local().toInstant(off);
    }
    if (utc != null) {
      clock.learn(utc, sentNanos, rcvNanos);
      clockGeneration.incrementAndGet();
    }
    return sdt;
  }

  /**
   * Reads capabilities: GetServices(IncludeCapability) and, if it carries none for the device
   * service, GetServiceCapabilities. Both PRE_AUTH, sent anonymously. Failures leave them unknown.
   *
   * @return the capabilities (possibly {@link Capabilities#UNKNOWN})
   */
  public Capabilities loadCapabilities() {
    return loadCapabilities(null);
  }

  /**
   * The connect-time preamble: GetSystemDateAndTime and GetServices are independent and both
   * anonymous, so they are sent at the same time (two round trips, one round-trip time); then the
   * clock is learned, the capabilities read and the authentication mode chosen. Requests with
   * credentials (when the device insists) are only sent after both answers are in.
   */
  public void preamble() {
    CompletableFuture<Exchange> services =
        async(() -> send("GetServices", Requests.getServices(true), null));
    learnClock();
    Exchange gs;
    try {
      gs = join(services);
    } catch (DeviceRejectedException | NotSupportedException | ProtocolException e) {
      gs = null;
    }
    if (gs == null) {
      caps = loadCapabilitiesFallback(Optional.empty());
    } else {
      loadCapabilities(gs);
    }
    chooseMode();
  }

  private Capabilities loadCapabilities(Exchange prefetched) {
    Optional<Capabilities> c = Optional.empty();
    try {
      XmlElement r =
          prefetched == null
              ? callPreAuth("GetServices", Requests.getServices(true))
              : preAuthFrom("GetServices", Requests.getServices(true), prefetched);
      c = Responses.servicesCapabilities(r);
    } catch (DeviceRejectedException | NotSupportedException | ProtocolException e) {
      LOG.debug("{} GetServices failed: {}", device, e.getClass().getSimpleName());
    }
    caps = loadCapabilitiesFallback(c);
    return caps;
  }

  private Capabilities loadCapabilitiesFallback(Optional<Capabilities> fromServices) {
    Optional<Capabilities> c = fromServices;
    if (c.isEmpty()) {
      try {
        c =
            Optional.of(
                Responses.serviceCapabilities(
                    callPreAuth(
                        "GetServiceCapabilities", Requests.empty("GetServiceCapabilities"))));
      } catch (DeviceRejectedException | NotSupportedException | ProtocolException e) {
        LOG.debug("{} GetServiceCapabilities failed: {}", device, e.getClass().getSimpleName());
      }
    }
    caps = c.orElse(Capabilities.UNKNOWN);
    return caps;
  }

  /** A PRE_AUTH answer already received anonymously; with credentials if the device insisted. */
  private XmlElement preAuthFrom(String op, Consumer<SoapWriter> body, Exchange x) {
    if (x.ok()) {
      return x.response;
    }
    boolean insists = x.challenged() || x.notAuthorized() || x.status == 401;
    if (!insists || credentials == null) {
      throw failure(op, x);
    }
    preAuthNeedsAuth = true;
    if (x.challenged() && !proven) {
      mode = AuthMode.HTTP;
    }
    return call(op, body, false);
  }

  /** At most this many overlapping ONVIF requests run on the module's own threads. */
  private static final int MAX_IO_THREADS = 64;

  private static final ExecutorService IO =
      new java.util.concurrent.ThreadPoolExecutor(
          0,
          MAX_IO_THREADS,
          60,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "nvrkit-onvif-io");
            t.setDaemon(true);
            return t;
          },
          // bounded: when a fleet has every thread busy, the caller runs the request itself
          new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());

  /**
   * Runs a blocking device call on the module's I/O threads (daemon, created on demand up to
   * {@value #MAX_IO_THREADS}, idle ones end after a minute; beyond that the caller runs it).
   *
   * @param task the call
   * @param <T> its result
   * @return the future
   */
  public static <T> CompletableFuture<T> async(Supplier<T> task) {
    return CompletableFuture.supplyAsync(task, IO);
  }

  /**
   * Waits for a call started with {@link #async}, rethrowing its exception as is.
   *
   * @param f the future
   * @param <T> its result
   * @return the result
   */
  public static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  /**
   * Picks the authentication mode from the capabilities: HTTP Digest only when the device
   * advertises Digest and does not advertise UsernameToken; otherwise WS-UsernameToken (one round
   * trip per call, always checked by the device, clock handled), switching to Digest when the
   * device answers with a challenge.
   */
  public void chooseMode() {
    Capabilities c = caps;
    if (Boolean.TRUE.equals(c.httpDigest()) && !Boolean.TRUE.equals(c.usernameToken())) {
      mode = AuthMode.HTTP;
    } else {
      mode = AuthMode.WS_USERNAME_TOKEN;
    }
  }

  // ------------------------------------------------------------------------------------------
  // calls

  /**
   * What an anonymous probe call got.
   *
   * @param soap whether the device answered with a SOAP 1.2 envelope (response or fault)
   * @param response the response element when it succeeded, else null
   */
  public record ProbeAnswer(boolean soap, XmlElement response) {}

  /**
   * An anonymous call that never throws for a refusal: used by probe, which must not log in.
   * GetSystemDateAndTime answers also teach the clock.
   *
   * @param op the operation
   * @param body the body
   * @return the answer
   * @throws io.nvrkit.core.DeviceUnreachableException if the device cannot be reached
   */
  public ProbeAnswer probeCall(String op, Consumer<SoapWriter> body) {
    synchronized (lock) {
      Exchange x;
      try {
        x = send(op, body, null);
      } catch (ProtocolException e) {
        return new ProbeAnswer(false, null);
      }
      if (x.ok() && "GetSystemDateAndTime".equals(op)) {
        learnFrom(x);
      }
      return new ProbeAnswer(x.fault != null || x.response != null, x.ok() ? x.response : null);
    }
  }

  /**
   * A PRE_AUTH call: anonymous, unless the device has shown that it demands credentials even for
   * PRE_AUTH operations (Vivotek, Panasonic): then, and when this anonymous call is refused, with
   * the session's credentials (a refusal of an anonymous request is not a failed login).
   *
   * @param op the operation
   * @param body the body writer
   * @return the response element
   */
  public XmlElement callPreAuth(String op, Consumer<SoapWriter> body) {
    if (credentials == null) {
      return callAnonymous(op, body);
    }
    if (!preAuthNeedsAuth) {
      synchronized (lock) {
        Exchange x = send(op, body, null);
        if (x.ok()) {
          return x.response;
        }
        boolean insists = x.challenged() || x.notAuthorized() || x.status == 401;
        if (!insists) {
          throw failure(op, x);
        }
        preAuthNeedsAuth = true;
        if (x.challenged() && !proven) {
          mode = AuthMode.HTTP;
        }
      }
    }
    return call(op, body, false);
  }

  /**
   * A PRE_AUTH call sent without credentials.
   *
   * @param op the operation
   * @param body the body writer
   * @return the response element
   */
  public XmlElement callAnonymous(String op, Consumer<SoapWriter> body) {
    synchronized (lock) {
      Exchange x = send(op, body, null);
      if (x.ok()) {
        return x.response;
      }
      throw failure(op, x);
    }
  }

  /**
   * An authenticated call.
   *
   * @param op the operation
   * @param body the body writer
   * @param carriesNewSecret whether the body holds a new password (plaintext guard, wiping)
   * @return the response element
   */
  public XmlElement call(String op, Consumer<SoapWriter> body, boolean carriesNewSecret) {
    Credentials c = credentials;
    if (c == null) {
      return callAnonymous(op, body);
    }
    String key = endpoint.key();
    if (proven && !carriesNewSecret) {
      // proven credentials, a read: sent without holding the lock so that independent reads can
      // overlap; anything but success is decided under the lock as below
      guard.beforeAttempt(key, c.user(), budget(), device, op);
      Exchange x = send(op, body, mode, false);
      if (x.ok()) {
        guard.onSuccess(key, c.user());
        return x.response;
      }
      synchronized (lock) {
        return decide(op, body, false, c, x);
      }
    }
    synchronized (lock) {
      guard.beforeAttempt(key, c.user(), budget(), device, op);
      return decide(op, body, carriesNewSecret, c, send(op, body, mode, carriesNewSecret));
    }
  }

  /** Classifies an authenticated exchange; may send again where the rules above allow. */
  private XmlElement decide(
      String op, Consumer<SoapWriter> body, boolean carriesNewSecret, Credentials c, Exchange x) {
    String key = endpoint.key();
    boolean switched = false;
    boolean resentForClock = false;
    while (true) {
      if (x.ok()) {
        proven = true;
        guard.onSuccess(key, c.user());
        return x.response;
      }
      if (x.mode == AuthMode.WS_USERNAME_TOKEN && x.challenged() && !switched) {
        LOG.debug(
            "{} answered a UsernameToken request with an HTTP challenge: using Digest", device);
        mode = AuthMode.HTTP;
        switched = true;
        x = send(op, body, mode, carriesNewSecret);
        continue;
      }
      if (x.status == 401 && !x.challenged() && x.basicOnly) {
        // the device asks for HTTP Basic, which these options do not allow: our password was
        // never checked, so this is not a failed login
        throw new ProtocolException(
            "the device asks for HTTP Basic authentication; allow it with"
                + " ConnectOptions.allowBasicAuth(true) (only over https)",
            device,
            op,
            null);
      }
      boolean refused = x.notAuthorized() || x.status == 401;
      if (refused
          && x.mode == AuthMode.HTTP
          && !proven
          && !switched
          && x.roundTrips <= 1
          && x.status != 401
          && !Boolean.FALSE.equals(caps.usernameToken())) {
        LOG.debug("{} ignored HTTP authentication (no challenge): using UsernameToken", device);
        mode = AuthMode.WS_USERNAME_TOKEN;
        switched = true;
        x = send(op, body, mode, carriesNewSecret);
        continue;
      }
      if (refused
          && proven
          && x.mode == AuthMode.WS_USERNAME_TOKEN
          && x.clockGeneration != clockGeneration.get()
          && !resentForClock) {
        // another call re-learned the clock after this token was made; the refusal may still
        // have been counted by the device, so it is counted here too before sending again
        resentForClock = true;
        guard.onFailure(key, c.user(), budget());
        guard.beforeAttempt(key, c.user(), budget(), device, op);
        x = send(op, body, mode, carriesNewSecret);
        continue;
      }
      if (refused && proven && x.mode == AuthMode.WS_USERNAME_TOKEN && !relearned) {
        relearned = true;
        Duration before = clock.skew();
        if (relearnClock(before)) {
          guard.onFailure(key, c.user(), budget());
          guard.beforeAttempt(key, c.user(), budget(), device, op);
          x = send(op, body, mode, carriesNewSecret);
          continue;
        }
      }
      if (refused && proven && x.status != 401) {
        // Insufficient privilege and a password changed elsewhere look the same under ONVIF:
        // count it as a failed login and prove the credentials again on the next call, so a
        // long-lived session can never spend the device's attempts unseen.
        guard.onFailure(key, c.user(), budget());
        proven = false;
        throw new DeviceRejectedException(
            "the device refused "
                + op
                + " for this account (insufficient privilege, or the password was changed"
                + " elsewhere)",
            device,
            op,
            "ter:NotAuthorized",
            null);
      }
      if (refused) {
        throw authFailed(op, x, c);
      }
      throw failure(op, x);
    }
  }

  private boolean relearnClock(Duration before) {
    try {
      Exchange x = send("GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"), null);
      if (!x.ok() && preAuthNeedsAuth && !Boolean.FALSE.equals(caps.httpDigest())) {
        // the device wants credentials even for its clock: HTTP Digest does not depend on it
        x = send("GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"), AuthMode.HTTP);
      }
      if (!x.ok()) {
        return false;
      }
      learnFrom(x);
      Duration after = clock.skew();
      if (before == null || after == null) {
        return after != null;
      }
      boolean moved = after.minus(before).abs().compareTo(CLOCK_MOVE) >= 0;
      LOG.debug("{} clock re-learned after NotAuthorized; moved={}", device, moved);
      return moved;
    } catch (NvrException e) {
      return false;
    }
  }

  private int budget() {
    return options.attemptBudget().orElse(DEFAULT_BUDGET);
  }

  private NvrException authFailed(String op, Exchange x, Credentials c) {
    String key = endpoint.key();
    guard.configure(key, c.user(), budget(), LOCKOUT_WINDOW);
    int remaining = guard.onFailure(key, c.user(), budget());
    if (x.fault != null) {
      int announced = x.fault.announcedRemainingAttempts();
      if (announced == 0) {
        guard.onLocked(key, c.user(), null);
        return new AccountLockedException(
            "the device reports no login attempts left: the account is locked",
            device,
            op,
            null,
            null);
      }
      if (announced > 0) {
        remaining = guard.learnRemaining(key, c.user(), announced, budget());
      }
    }
    String hint =
        mode == AuthMode.WS_USERNAME_TOKEN
            ? " (WS-UsernameToken; device clock offset "
                + (clock.skew() == null ? "unknown" : clock.skew().toSeconds() + " s")
                + ")"
            : " (HTTP authentication)";
    return new AuthenticationFailedException(
        "the device refused the credentials" + hint, device, op, remaining, null);
  }

  /** Maps an unsuccessful exchange that is not an authentication matter. */
  private NvrException failure(String op, Exchange x) {
    if (x.fault != null) {
      return FaultMapper.map(x.fault, device, op);
    }
    if (x.status == 401) {
      return new AuthenticationFailedException(
          "the device demands authentication for " + op, device, op, -1, null);
    }
    if (x.status == 404) {
      return new NotSupportedException(
          "no ONVIF device service at " + path + " (HTTP 404)", device, op, null);
    }
    return new DeviceRejectedException(
        "the device answered " + op + " with HTTP " + x.status + " and no SOAP fault",
        device,
        op,
        "http:" + x.status,
        null);
  }

  // ------------------------------------------------------------------------------------------
  // one exchange

  private static final class Exchange {
    int status;
    long roundTrips;
    long sentNanos;
    long receivedNanos;
    XmlElement response;
    SoapFault fault;
    boolean challenge;
    boolean basicOnly;
    AuthMode mode;
    int clockGeneration;

    boolean ok() {
      return response != null && fault == null && status >= 200 && status < 300;
    }

    boolean challenged() {
      return challenge;
    }

    boolean notAuthorized() {
      return fault != null && fault.hasTer("NotAuthorized");
    }
  }

  private Exchange send(String op, Consumer<SoapWriter> body, AuthMode authMode) {
    return send(op, body, authMode, false);
  }

  /** Sends once; authMode null = anonymous. */
  private Exchange send(
      String op, Consumer<SoapWriter> body, AuthMode authMode, boolean carriesNewSecret) {
    Credentials c = authMode == null ? null : credentials;
    boolean ws = c != null && authMode == AuthMode.WS_USERNAME_TOKEN;
    SoapWriter w =
        ws ? SoapWriter.envelope("tds", "tt", "wsse", "wsu") : SoapWriter.envelope("tds", "tt");
    if (ws) {
      w.start("env:Header");
      UsernameToken.write(w, c.user(), c.secret(), clock.deviceNow());
      w.end();
    }
    w.start("env:Body");
    body.accept(w);
    w.end();
    byte[] bytes = w.toUtf8();
    DeviceHttpRequest.Builder rb =
        DeviceHttpRequest.post(op, path, SOAP_CT + "; action=\"" + Ns.TDS + "/" + op + "\"", bytes);
    // plain http keeps its connections alive (the kit's pool, TCP_NODELAY on the client socket):
    // a request leaves in one write, so no segment waits on Nagle for a delayed ACK; a device
    // that answers Connection: close simply gets a new connection for its next exchange
    if (c != null && authMode == AuthMode.HTTP) {
      Set<AuthScheme> schemes = EnumSet.of(AuthScheme.DIGEST);
      if (options.allowBasicAuth()) {
        schemes.add(AuthScheme.BASIC);
      }
      rb.credentials(c).auth(schemes);
    } else {
      rb.auth(Set.of());
    }
    if (carriesNewSecret) {
      rb.carriesNewSecret();
    }
    Exchange x = new Exchange();
    x.mode = c == null ? null : authMode;
    x.clockGeneration = clockGeneration.get();
    long rtBefore = http.roundTrips();
    x.sentNanos = clock.nanos();
    DeviceHttpResponse resp;
    try {
      resp = http.execute(rb.build());
    } finally {
      if (carriesNewSecret) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    x.receivedNanos = clock.nanos();
    x.roundTrips = http.roundTrips() - rtBefore;
    x.status = resp.status();
    LOG.debug("{} {} -> HTTP {} ({} round trips)", device, op, x.status, x.roundTrips);
    if (x.status == 401) {
      boolean httpCredsSent = c != null && authMode == AuthMode.HTTP;
      x.challenge = !httpCredsSent && hasChallenge(resp);
      x.basicOnly = !httpCredsSent && !x.challenge && basicOnly(resp);
    }
    readBody(op, resp, x);
    return x;
  }

  private boolean hasChallenge(DeviceHttpResponse resp) {
    for (String h : resp.headers("www-authenticate")) {
      String l = h.trim().toLowerCase(Locale.ROOT);
      if (l.startsWith("digest") || (options.allowBasicAuth() && l.startsWith("basic"))) {
        return true;
      }
    }
    return false;
  }

  private boolean basicOnly(DeviceHttpResponse resp) {
    boolean basic = false;
    for (String h : resp.headers("www-authenticate")) {
      String l = h.trim().toLowerCase(Locale.ROOT);
      if (l.startsWith("digest")) {
        return false;
      }
      basic |= l.startsWith("basic");
    }
    return basic;
  }

  private void readBody(String op, DeviceHttpResponse resp, Exchange x) {
    byte[] b = resp.body();
    boolean success = x.status >= 200 && x.status < 300;
    if (b.length == 0) {
      if (success) {
        throw new ProtocolException("empty answer to " + op, device, op, null);
      }
      return;
    }
    String ct = resp.header("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (!ct.isEmpty() && !ct.contains("xml")) {
      if (success) {
        throw new ProtocolException(
            "answer to " + op + " is not SOAP (content type " + mediaType(ct) + ")",
            device,
            op,
            null);
      }
      return; // an HTML error page: the status says it all
    }
    XmlElement root;
    try {
      root = SafeXml.parse(b);
    } catch (SafeXml.RejectedXmlException e) {
      if (!success && !ct.contains("xml")) {
        return;
      }
      throw new ProtocolException("answer to " + op + " refused: " + e.getMessage(), device, op, e);
    }
    if (root.is(Ns.ENV11, "Envelope")) {
      throw new ProtocolException(
          "the device answered with SOAP 1.1; ONVIF requires SOAP 1.2", device, op, null);
    }
    if (!root.is(Ns.ENV, "Envelope")) {
      throw new ProtocolException(
          "answer to " + op + " is not a SOAP 1.2 envelope", device, op, null);
    }
    XmlElement body = root.child(Ns.ENV, "Body").orElse(null);
    if (body == null) {
      throw new ProtocolException("SOAP answer without Body", device, op, null);
    }
    Optional<SoapFault> f = SoapFault.in(body);
    if (f.isPresent()) {
      x.fault = f.get();
      LOG.debug("{} {} fault {}", device, op, x.fault.vendorCode());
      return;
    }
    if (!success) {
      return;
    }
    XmlElement r = body.firstChild().orElse(null);
    if (r == null) {
      throw new ProtocolException("empty SOAP Body in answer to " + op, device, op, null);
    }
    if (!r.is(Ns.TDS, op + "Response")) {
      throw new ProtocolException(
          "unexpected answer element " + r.local() + " to " + op, device, op, null);
    }
    x.response = r;
  }

  private static String mediaType(String ct) {
    String m = ct.split(";", 2)[0].trim();
    m = m.replaceAll("[^a-z0-9/+.\\-]", "");
    return m.length() > 60 ? m.substring(0, 60) : m;
  }
}
