package io.nvrkit.onvif.internal;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.spi.DeviceClock;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.onvif.internal.OnvifSession.AuthMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication state of one {@link OnvifSession} and the rules that decide an authenticated
 * exchange (the rules themselves are described on {@link OnvifSession}): the mode in use, whether
 * the credentials were proven, the learned device clock and its one re-learn, the lock-out ledger's
 * budget and the mapping of a refused login.
 *
 * <p>Thread-safe as the session uses it: the state is volatile or atomic; {@link #decide} runs
 * under the session's lock.
 */
final class SessionAuth {
  // the session's logger, so that logging configuration is unchanged by the split
  private static final Logger LOG = LoggerFactory.getLogger(OnvifSession.class);

  private final OnvifSession session;
  private final String key;
  private final String device;
  private final DeviceClock clock;
  private final LockoutLedger guard;
  private final ConnectOptions options;

  private volatile AuthMode mode = AuthMode.WS_USERNAME_TOKEN;
  private volatile boolean proven;
  private volatile boolean relearned;
  private volatile boolean preAuthNeedsAuth;
  private final AtomicInteger clockGeneration = new AtomicInteger();
  private volatile Responses.SystemDateTime lastDateTime;

  SessionAuth(
      OnvifSession session,
      String key,
      String device,
      DeviceClock clock,
      LockoutLedger guard,
      ConnectOptions options) {
    this.session = session;
    this.key = key;
    this.device = device;
    this.clock = clock;
    this.guard = guard;
    this.options = options;
  }

  // ------------------------------------------------------------------------------------------
  // state

  AuthMode mode() {
    return mode;
  }

  void mode(AuthMode m) {
    this.mode = m;
  }

  boolean proven() {
    return proven;
  }

  boolean preAuthNeedsAuth() {
    return preAuthNeedsAuth;
  }

  void preAuthNeedsAuth(boolean b) {
    this.preAuthNeedsAuth = b;
  }

  int clockGeneration() {
    return clockGeneration.get();
  }

  Responses.SystemDateTime lastDateTime() {
    return lastDateTime;
  }

  void lastDateTime(Responses.SystemDateTime sdt) {
    this.lastDateTime = sdt;
  }

  /**
   * Picks the authentication mode from the capabilities: HTTP Digest only when the device
   * advertises Digest and does not advertise UsernameToken; otherwise WS-UsernameToken.
   */
  void chooseMode(Capabilities c) {
    if (Boolean.TRUE.equals(c.httpDigest()) && !Boolean.TRUE.equals(c.usernameToken())) {
      mode = AuthMode.HTTP;
    } else {
      mode = AuthMode.WS_USERNAME_TOKEN;
    }
  }

  // ------------------------------------------------------------------------------------------
  // clock

  /** Learns the device clock from a GetSystemDateAndTime answer. */
  Responses.SystemDateTime learnFrom(XmlElement response, long sentNanos, long rcvNanos) {
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

  Responses.SystemDateTime learnFrom(SoapExchange x) {
    return learnFrom(x.response, x.sentNanos, x.receivedNanos);
  }

  private boolean relearnClock(Duration before) {
    try {
      SoapExchange x =
          session.send("GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"), null);
      if (!x.ok()
          && preAuthNeedsAuth
          && !Boolean.FALSE.equals(session.capabilities().httpDigest())) {
        // the device wants credentials even for its clock: HTTP Digest does not depend on it
        x =
            session.send(
                "GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"), AuthMode.HTTP);
      }
      if (!x.ok()) {
        return false;
      }
      learnFrom(x);
      Duration after = clock.skew();
      if (before == null || after == null) {
        return after != null;
      }
      boolean moved = after.minus(before).abs().compareTo(OnvifSession.CLOCK_MOVE) >= 0;
      LOG.debug("{} clock re-learned after NotAuthorized; moved={}", device, moved);
      return moved;
    } catch (NvrException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------------
  // lock-out ledger

  int budget() {
    return options.attemptBudget().orElse(OnvifSession.DEFAULT_BUDGET);
  }

  /** Asks the ledger before a read with proven credentials: checks, reserves nothing. */
  void checkProvenAttempt(Credentials c, String op) {
    guard.checkProvenAttempt(key, c.user(), budget(), device, op);
  }

  /**
   * Reserves an attempt in the ledger: against the caller's explicit budget for this call if there
   * is one (never stored as the device's), else against the device's.
   */
  void reserve(Credentials c, String op) {
    if (options.attemptBudget().isPresent()) {
      guard.beforeAttemptWithBudget(key, c.user(), options.attemptBudget().getAsInt(), device, op);
    } else {
      guard.beforeAttempt(key, c.user(), OnvifSession.DEFAULT_BUDGET, device, op);
    }
  }

  /** Drops a reservation after an exchange that gave no verdict on the credentials. */
  void release(Credentials c) {
    guard.releaseAttempt(key, c.user());
  }

  /** Tells the ledger that the credentials were accepted. */
  void onSuccess(Credentials c) {
    guard.onSuccess(key, c.user());
  }

  // ------------------------------------------------------------------------------------------
  // deciding an authenticated exchange

  /** Classifies an authenticated exchange; may send again where the session's rules allow. */
  XmlElement decide(
      String op,
      Consumer<SoapWriter> body,
      boolean carriesNewSecret,
      Credentials c,
      SoapExchange x) {
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
        x = session.send(op, body, mode, carriesNewSecret);
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
          && !Boolean.FALSE.equals(session.capabilities().usernameToken())) {
        LOG.debug("{} ignored HTTP authentication (no challenge): using UsernameToken", device);
        mode = AuthMode.WS_USERNAME_TOKEN;
        switched = true;
        x = session.send(op, body, mode, carriesNewSecret);
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
        reserve(c, op);
        x = session.send(op, body, mode, carriesNewSecret);
        continue;
      }
      if (refused && proven && x.mode == AuthMode.WS_USERNAME_TOKEN && !relearned) {
        relearned = true;
        Duration before = clock.skew();
        if (relearnClock(before)) {
          guard.onFailure(key, c.user(), budget());
          reserve(c, op);
          x = session.send(op, body, mode, carriesNewSecret);
          continue;
        }
      }
      if (refused && proven && x.status != 401) {
        // Insufficient privilege and a password changed elsewhere look the same under ONVIF:
        // count it as a failed login and prove the credentials again on the next call, so a
        // long-lived session can never spend the device's attempts unseen.
        guard.onFailure(key, c.user(), budget());
        proven = false;
        throw SoapExchange.rejected(
            "the device refused "
                + op
                + " for this account (insufficient privilege, or the password was changed"
                + " elsewhere)",
            device,
            op,
            "ter:NotAuthorized",
            x.status);
      }
      if (refused) {
        throw authFailed(op, x, c);
      }
      throw session.failure(op, x);
    }
  }

  private NvrException authFailed(String op, SoapExchange x, Credentials c) {
    guard.configure(
        key,
        c.user(),
        OnvifSession.DEFAULT_BUDGET,
        OnvifSession.LOCKOUT_WINDOW); // never the per-call budget
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
}
