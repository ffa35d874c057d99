package io.nvrkit.hikvision.internal;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpRequest.AuthScheme;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.hikvision.internal.IsapiDocs.LockSettings;
import io.nvrkit.hikvision.internal.IsapiDocs.UserCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one class of this module that uses the kit's transport and lockout ledger ({@link
 * DriverContext}): HTTP exchanges with Digest, and the <b>per-source-IP</b> failed-login budget
 * that Hikvision's illegal-login lock needs (research note §3.6: the lock is on the client's IP
 * address, whatever the user name, so one budget per device covers every account).
 *
 * <p>Authentication: Digest, answered from the device's own challenge ({@code qop=auth}, nonce
 * reuse with a rising {@code nc}, a refused reused nonce answered once more by the transport);
 * never a speculative Basic request. Basic only when {@link ConnectOptions#allowBasicAuth()} and
 * the device offers nothing else.
 *
 * <p>Lockout: before every request with credentials not yet accepted on this transport the budget
 * is checked ({@link io.nvrkit.core.LoginBudgetExhaustedException} when the next failure could lock
 * the IP, nothing sent). Every 401 is read: {@code lockStatus lock} with {@code unlockTime} gives
 * {@link AccountLockedException} with its end; {@code retryLoginTime} sets the budget to the
 * device's own count minus the one attempt always kept in reserve. Each unproven request reserves
 * one attempt in the ledger; a 401 settles it as a failure, and an exchange without a verdict (no
 * answer, 5xx) releases it. An accepted login settles it as a success that forgets the failures
 * only on firmware whose 401 bodies have told its remaining attempts ({@code retryLoginTime}):
 * there the next refusal re-syncs the count if the device did not reset it. Firmware that never
 * told its count (the 2017 HTML 401) keeps its failures until the lock window passes, because
 * whether a success resets the IP's counter is unverified (research note §3.6). The budget is the
 * caller's {@link ConnectOptions#attemptBudget()}, else the device's {@code maxIllegalLoginTimes} −
 * 1 (read after a login, kept in the kit's ledger), else {@value #UNKNOWN_BUDGET}.
 *
 * <p>{@link io.nvrkit.core.NvrException#credentialsPossiblySent()}: the core transport sets it
 * (false for a connect failure or a lost Digest challenge round, which carries no credentials); a
 * lost answer after these credentials were accepted on this transport, or a busy answer, is
 * reported with it false too (the device cannot have counted a failed login).
 *
 * <p>Thread-safe as far as the core transport is; sessions serialise their calls.
 */
public final class IsapiTransport implements AutoCloseable {
  /** Failed logins allowed while the device's threshold is unknown (manuals: 5 or 7). */
  public static final int UNKNOWN_BUDGET = 2;

  /** The guard's account key: the lock is per source IP, not per user. */
  static final String SCOPE = LockoutLedger.key(LockoutLedger.Scope.SOURCE_ADDRESS, "admin");

  /** How long the device counts failures when it did not say: 30 min (manuals, research §3.6). */
  static final Duration UNKNOWN_LOCK_TIME = Duration.ofMinutes(30);

  /** An answer: status and bounded body. */
  public record Reply(int status, byte[] body) {
    /**
     * Whether the status is 2xx.
     *
     * @return true for success statuses
     */
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
      return "Reply[" + status + ", " + body.length + " bytes]";
    }
  }

  /** Lock settings kept by the ledger for the life of the kit. */
  record LockFacts(boolean enabled, int times, Duration lockTime) {}

  /** Kept by the ledger once the device's 401 bodies have told its remaining attempts. */
  record CountsRetries() {}

  /** Opens a view of a kit's transport for one device. */
  @FunctionalInterface
  public interface Opener {
    /**
     * Opens a transport.
     *
     * @param endpoint the device
     * @param options timeouts and limits
     * @return the transport
     */
    DeviceHttp open(DeviceEndpoint endpoint, ConnectOptions options);
  }

  /** Opens transports on one kit's HTTP transport, ledger and clock. */
  public static final class Factory {
    private final Opener opener;
    private final LockoutLedger guard;
    private final Clock clock;

    /**
     * A factory.
     *
     * @param opener opens HTTP views
     * @param guard the lockout ledger
     * @param clock the wall clock for lock ends
     */
    public Factory(Opener opener, LockoutLedger guard, Clock clock) {
      this.opener = Objects.requireNonNull(opener, "opener");
      this.guard = Objects.requireNonNull(guard, "guard");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The factory on a kit's context: its transport with {@link DeviceHttp.Nonces#REUSABLE} (ISAPI
     * firmware accepts a nonce again with a rising {@code nc}), its ledger and its clock.
     *
     * @param context the calling kit's context
     * @return the factory
     */
    public static Factory on(DriverContext context) {
      return new Factory(
          (endpoint, options) -> context.openHttp(endpoint, options, DeviceHttp.Nonces.REUSABLE),
          context.lockoutLedger(),
          context.clock());
    }

    /**
     * Opens a transport.
     *
     * @param endpoint the device
     * @param options timeouts, limits, Basic permission, attempt budget
     * @return the transport; the caller closes it
     */
    public IsapiTransport open(DeviceEndpoint endpoint, ConnectOptions options) {
      return new IsapiTransport(opener.open(endpoint, options), endpoint, options, this);
    }

    /**
     * The failed logins still allowed towards a device (for tests and reports).
     *
     * @param endpoint the device
     * @param options the options (a fixed budget wins)
     * @return the remaining budget
     */
    public int remaining(DeviceEndpoint endpoint, ConnectOptions options) {
      IsapiTransport t = new IsapiTransport(null, endpoint, options, this);
      return guard.remaining(endpoint.key(), SCOPE, t.budget());
    }
  }

  private final DeviceHttp http;
  private final DeviceEndpoint endpoint;
  private final ConnectOptions options;
  private final Factory factory;
  private boolean proven;

  private IsapiTransport(
      DeviceHttp http, DeviceEndpoint endpoint, ConnectOptions options, Factory factory) {
    this.http = http;
    this.endpoint = endpoint;
    this.options = options;
    this.factory = factory;
  }

  /**
   * The device as shown in exceptions: {@code scheme://host:port}.
   *
   * @return the text
   */
  public String device() {
    return endpoint.scheme() + "://" + endpoint.key();
  }

  /**
   * The endpoint.
   *
   * @return the endpoint
   */
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  /**
   * HTTP exchanges so far, challenge rounds included.
   *
   * @return the count
   */
  public long roundTrips() {
    return http.roundTrips();
  }

  /**
   * One anonymous request (probe, activation state). Never counts towards the lockout.
   *
   * @param op operation name for logs
   * @param method GET, PUT, ...
   * @param path encoded path and query
   * @return the reply with its {@code Server} and {@code WWW-Authenticate} headers
   */
  public AnonymousReply anonymous(String op, String method, String path) {
    DeviceHttpResponse r = http.execute(request(op, method, path, null, null, false));
    return new AnonymousReply(
        r.status(), r.body(), r.header("server").orElse(""), r.headers("www-authenticate"));
  }

  /**
   * An anonymous answer with the headers a probe reads.
   *
   * @param status the HTTP status
   * @param body the body
   * @param server the {@code Server} header, or empty
   * @param challenges the {@code WWW-Authenticate} values
   */
  public record AnonymousReply(int status, byte[] body, String server, List<String> challenges) {
    /** Copies the list. */
    public AnonymousReply {
      challenges = List.copyOf(challenges);
    }
  }

  /**
   * One authenticated request. A 401 is turned into an exception here, so that every path counts
   * it: {@link AccountLockedException} or {@link AuthenticationFailedException}.
   *
   * @param op operation name for logs and exceptions
   * @param method GET, PUT, POST, DELETE
   * @param path encoded path and query
   * @param xmlBody the body, or null
   * @param credentials the login
   * @param carriesNewSecret whether the body holds a new password (plain HTTP refused off loopback)
   * @return the reply (any status but 401)
   */
  public Reply send(
      String op,
      String method,
      String path,
      byte[] xmlBody,
      Credentials credentials,
      boolean carriesNewSecret) {
    Objects.requireNonNull(credentials, "credentials");
    int budget = budget();
    boolean reserved = !proven;
    if (reserved) {
      factory.guard.configure(endpoint.key(), SCOPE, budget, lockTime());
      reserve(op);
    }
    DeviceHttpResponse r;
    UserCheck uc;
    try {
      r = http.execute(request(op, method, path, xmlBody, credentials, carriesNewSecret));
      uc = r.status() == 401 ? IsapiDocs.userCheck(r.body()) : null;
      if (r.status() == 200 && isUserCheckPath(path)) {
        UserCheck inside = IsapiDocs.userCheck(r.body());
        if (inside != null && inside.statusValue() == 401) {
          uc = inside; // "statusValue is the truth even inside a 200" (research note §3.4)
        }
      }
    } catch (RuntimeException e) {
      if (reserved) {
        factory.guard.releaseAttempt(endpoint.key(), SCOPE); // no verdict: no answer or unreadable
      } else if (!carriesNewSecret
          && e instanceof DeviceUnreachableException lost
          && lost.credentialsPossiblySent()) {
        // the device accepted these credentials earlier on this transport: they are right, and a
        // right password is never a counted failure
        throw new DeviceUnreachableException(
            op + " went unanswered (the credentials were accepted earlier in this session)",
            device(),
            op,
            false,
            e);
      }
      throw e;
    }
    if (r.status() == 401 || uc != null) {
      throw unauthorized(uc, op, budget); // the verdict settles the reservation
    }
    if (reserved) {
      if (r.status() >= 500) {
        factory.guard.releaseAttempt(endpoint.key(), SCOPE); // busy or broken: no verdict
      } else if (factory.guard.fact(endpoint.key(), CountsRetries.class) != null) {
        // past Digest: the login was accepted. This firmware tells its count in every 401
        // (retryLoginTime), so the next refusal re-syncs the ledger if the success did not reset
        // the device's counter: forget the failures, as the device most plausibly does
        factory.guard.onSuccess(endpoint.key(), SCOPE);
      } else {
        // firmware that never told its count (the 2017 HTML 401): whether a success resets the
        // IP's counter is unverified, so the failures stay until the lock window passes
        factory.guard.releaseAttempt(endpoint.key(), SCOPE);
      }
    }
    if (r.status() >= 200 && r.status() < 300) {
      proven = true;
    }
    return new Reply(r.status(), r.body());
  }

  /** Reserves one attempt: against the caller's explicit budget if any, else the device's. */
  private void reserve(String op) {
    if (options.attemptBudget().isPresent()) {
      factory.guard.beforeAttemptWithBudget(
          endpoint.key(), SCOPE, options.attemptBudget().getAsInt(), device(), op);
    } else {
      factory.guard.beforeAttempt(endpoint.key(), SCOPE, budget(), device(), op);
    }
  }

  private static boolean isUserCheckPath(String path) {
    return path.regionMatches(true, 0, "/ISAPI/Security/userCheck", 0, 25);
  }

  private RuntimeException unauthorized(UserCheck uc, String op, int budget) {
    String key = endpoint.key();
    if (uc != null && uc.locked()) {
      Instant until =
          uc.unlockSeconds().isPresent()
              ? factory.clock.instant().plusSeconds(uc.unlockSeconds().getAsInt())
              : null;
      factory.guard.onLocked(key, SCOPE, until);
      return new AccountLockedException(
          "the device locked this client's IP address after failed logins",
          device(),
          op,
          until,
          null);
    }
    int allowed = factory.guard.onFailure(key, SCOPE, budget);
    if (uc != null && uc.retriesLeft().isPresent()) {
      factory.guard.putFact(key, new CountsRetries());
      allowed = factory.guard.learnRemaining(key, SCOPE, uc.retriesLeft().getAsInt(), budget);
    }
    proven = false;
    return new AuthenticationFailedException(
        "the device refused the user name or password", device(), op, allowed, null);
  }

  /**
   * Records the device's {@code IllegalLoginLock} settings for every later session of the kit.
   *
   * @param s the settings
   */
  public void learnLockSettings(LockSettings s) {
    if (s.maxTimes() <= 0 || s.maxTimes() > 100) {
      return;
    }
    Duration lock = s.lockSeconds() > 0 ? Duration.ofSeconds(s.lockSeconds()) : null;
    factory.guard.putFact(endpoint.key(), new LockFacts(s.enabled(), s.maxTimes(), lock));
    factory.guard.configure(endpoint.key(), SCOPE, budget(), lockTime());
  }

  /**
   * Whether the lock settings are already known to the kit.
   *
   * @return true if known
   */
  public boolean lockSettingsKnown() {
    return factory.guard.fact(endpoint.key(), LockFacts.class) != null;
  }

  int budget() {
    if (options.attemptBudget().isPresent()) {
      return options.attemptBudget().getAsInt();
    }
    LockFacts f = factory.guard.fact(endpoint.key(), LockFacts.class);
    if (f != null && f.times() > 0) {
      return Math.max(0, f.times() - 1);
    }
    return UNKNOWN_BUDGET;
  }

  private Duration lockTime() {
    LockFacts f = factory.guard.fact(endpoint.key(), LockFacts.class);
    return f == null || f.lockTime() == null ? UNKNOWN_LOCK_TIME : f.lockTime();
  }

  /**
   * A fresh transport to the same device with the same factory (verification logins).
   *
   * @return the transport; the caller closes it
   */
  public IsapiTransport fresh() {
    return factory.open(endpoint, options);
  }

  private DeviceHttpRequest request(
      String op,
      String method,
      String path,
      byte[] body,
      Credentials credentials,
      boolean carriesNewSecret) {
    Set<AuthScheme> schemes =
        options.allowBasicAuth()
            ? EnumSet.of(AuthScheme.DIGEST, AuthScheme.BASIC)
            : EnumSet.of(AuthScheme.DIGEST);
    List<Map.Entry<String, String>> headers = List.of();
    return new DeviceHttpRequest(
        op,
        method,
        path,
        headers,
        body,
        body == null ? null : "application/xml; charset=\"UTF-8\"",
        credentials,
        schemes,
        Set.of(),
        carriesNewSecret);
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }
}
