package io.nvrkit.onvif.internal;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.spi.DeviceClock;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpRequest.AuthScheme;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * <p>The session holds the device, transport and credentials and builds each request; the rules
 * above are applied by {@link SessionAuth}, each answer is read and checked by {@link
 * SoapExchange}, and the connect-time clock and capability reads live in {@link SessionPreamble}.
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

  private final SessionAuth auth;
  private final SessionPreamble preamble;

  private volatile Credentials credentials;
  private volatile Capabilities caps = Capabilities.UNKNOWN;

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
    this.auth = new SessionAuth(this, endpoint.key(), device, clock, guard, options);
    this.preamble = new SessionPreamble(this, auth, lock, device, clock);
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

  /** Records what the device advertised (the preamble's result). */
  void capabilities(Capabilities c) {
    this.caps = c;
  }

  /** The authentication mode in use. */
  public AuthMode mode() {
    return auth.mode();
  }

  /**
   * Forces a mode (used after reading capabilities, and by tests).
   *
   * @param m the mode
   */
  public void mode(AuthMode m) {
    auth.mode(m);
  }

  /**
   * Takes over another session's capabilities and mode (a verification session for the same device
   * needs no second GetServices).
   *
   * @param o the other session
   */
  public void adoptCapabilities(OnvifSession o) {
    this.caps = o.caps;
    auth.mode(o.auth.mode());
    auth.lastDateTime(o.auth.lastDateTime());
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
    return auth.lastDateTime();
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
    return preamble.learnClock();
  }

  /**
   * Reads capabilities: GetServices(IncludeCapability) and, if it carries none for the device
   * service, GetServiceCapabilities. Both PRE_AUTH, sent anonymously. Failures leave them unknown.
   *
   * @return the capabilities (possibly {@link Capabilities#UNKNOWN})
   */
  public Capabilities loadCapabilities() {
    return preamble.loadCapabilities();
  }

  /**
   * The connect-time preamble: GetSystemDateAndTime and GetServices sent at the same time, then the
   * clock learned, the capabilities read and the authentication mode chosen (see {@link
   * SessionPreamble}).
   */
  public void preamble() {
    preamble.run();
  }

  /**
   * Runs a blocking device call on the module's I/O threads (see {@link OnvifIo#async}).
   *
   * @param task the call
   * @param <T> its result
   * @return the future
   */
  public static <T> CompletableFuture<T> async(Supplier<T> task) {
    return OnvifIo.async(task);
  }

  /**
   * Waits for a call started with {@link #async}, rethrowing its exception as is.
   *
   * @param f the future
   * @param <T> its result
   * @return the result
   */
  public static <T> T join(CompletableFuture<T> f) {
    return OnvifIo.join(f);
  }

  /**
   * Picks the authentication mode from the capabilities: HTTP Digest only when the device
   * advertises Digest and does not advertise UsernameToken; otherwise WS-UsernameToken (one round
   * trip per call, always checked by the device, clock handled), switching to Digest when the
   * device answers with a challenge.
   */
  public void chooseMode() {
    auth.chooseMode(caps);
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
      SoapExchange x;
      try {
        x = send(op, body, null);
      } catch (ProtocolException e) {
        return new ProbeAnswer(false, null);
      }
      if (x.ok() && "GetSystemDateAndTime".equals(op)) {
        auth.learnFrom(x);
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
    if (!auth.preAuthNeedsAuth()) {
      synchronized (lock) {
        SoapExchange x = send(op, body, null);
        if (x.ok()) {
          return x.response;
        }
        boolean insists = x.challenged() || x.notAuthorized() || x.status == 401;
        if (!insists) {
          throw failure(op, x);
        }
        auth.preAuthNeedsAuth(true);
        if (x.challenged() && !auth.proven()) {
          auth.mode(AuthMode.HTTP);
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
      SoapExchange x = send(op, body, null);
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
    if (auth.proven() && !carriesNewSecret) {
      // proven credentials, a read: sent without holding the lock so that independent reads can
      // overlap; anything but success is decided under the lock as below
      auth.checkProvenAttempt(c, op);
      SoapExchange x = send(op, body, auth.mode(), false);
      if (x.ok()) {
        auth.onSuccess(c);
        return x.response;
      }
      synchronized (lock) {
        return auth.decide(op, body, false, c, x);
      }
    }
    synchronized (lock) {
      auth.reserve(c, op);
      try {
        return auth.decide(
            op, body, carriesNewSecret, c, send(op, body, auth.mode(), carriesNewSecret));
      } catch (AuthenticationFailedException | AccountLockedException e) {
        throw e; // the verdict is recorded (onFailure/onLocked), or nothing was reserved
      } catch (RuntimeException e) {
        auth.release(c); // no verdict on the credentials
        throw e;
      }
    }
  }

  /** Maps an unsuccessful exchange that is not an authentication matter. */
  NvrException failure(String op, SoapExchange x) {
    return x.failure(op, device, path);
  }

  // ------------------------------------------------------------------------------------------
  // one exchange

  /** Sends once; authMode null = anonymous. */
  SoapExchange send(String op, Consumer<SoapWriter> body, AuthMode authMode) {
    return send(op, body, authMode, false);
  }

  /** Sends once, carrying a new secret or not; authMode null = anonymous. */
  SoapExchange send(
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
    SoapExchange x = new SoapExchange();
    x.mode = c == null ? null : authMode;
    x.clockGeneration = auth.clockGeneration();
    long rtBefore = http.roundTrips();
    x.sentNanos = clock.nanos();
    DeviceHttpResponse resp;
    try {
      resp = http.execute(rb.build());
    } catch (DeviceUnreachableException e) {
      if (c == null && e.credentialsPossiblySent()) {
        // an anonymous request carries no credentials: the device cannot have counted a failed
        // login, whatever became of it (the rotation engine does not count such a probe)
        throw new DeviceUnreachableException(
            "the anonymous " + op + " went unanswered", device, op, false, e);
      }
      if (auth.proven() && !carriesNewSecret && e.credentialsPossiblySent()) {
        // the device accepted these credentials earlier in this session: they are right, and a
        // right password is never a counted failure
        throw new DeviceUnreachableException(
            op + " went unanswered (the credentials were accepted earlier in this session)",
            device,
            op,
            false,
            e);
      }
      throw e;
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
      x.classify401(resp, httpCredsSent, options.allowBasicAuth());
    }
    x.read(op, resp, device);
    return x;
  }
}
