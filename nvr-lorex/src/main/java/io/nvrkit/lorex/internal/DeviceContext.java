package io.nvrkit.lorex.internal;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Duration;
import java.time.Instant;

/**
 * What every request to one device needs: the endpoint, options, the kit's {@link LockoutLedger}
 * and the lockout settings learned from the device ({@code General.LockLoginTimes}, {@code
 * General.LoginFailLockTime}). Lockout facts are kept by the ledger, per device ({@code
 * host:port}), for the kit's life, because the device counts failures per account, not per session;
 * a successful login re-reads them, and {@link LockoutLedger#forgetDevice} drops them with the
 * failure counts (a threshold read from an earlier recorder at the same address must not raise the
 * budget for a new one). Thread-safe.
 */
public final class DeviceContext {
  /** Budget for a Lorex whose threshold is unknown: legacy models lock after 3 failures. */
  public static final int UNKNOWN_LOREX_BUDGET = 2;

  /** Lockout settings read from a device. */
  record LockFacts(boolean enabled, int times, Duration lockTime) {}

  private final DeviceEndpoint endpoint;
  private final ConnectOptions options;
  private final LockoutLedger guard;

  DeviceContext(DeviceEndpoint endpoint, ConnectOptions options, LockoutLedger guard) {
    this.endpoint = endpoint;
    this.options = options;
    this.guard = guard;
  }

  DeviceEndpoint endpoint() {
    return endpoint;
  }

  ConnectOptions options() {
    return options;
  }

  LockoutLedger guard() {
    return guard;
  }

  /** The device as shown in exceptions: {@code scheme://host:port}. */
  String device() {
    return endpoint.scheme() + "://" + endpoint.key();
  }

  String key() {
    return endpoint.key();
  }

  /** The failed-login budget of this call: the caller's explicit budget, else the device's. */
  int budget() {
    if (options.attemptBudget().isPresent()) {
      return options.attemptBudget().getAsInt();
    }
    return deviceBudget();
  }

  /**
   * The device's failed-login budget: its threshold minus one, else {@link #UNKNOWN_LOREX_BUDGET}
   * (the ledger clamps a threshold a device reports to a sane range). Never the caller's explicit
   * budget, which applies to one call only.
   */
  int deviceBudget() {
    LockFacts f = guard.fact(key(), LockFacts.class);
    if (f != null && f.enabled() && f.times() > 0) {
      return Math.max(0, f.times() - 1);
    }
    return UNKNOWN_LOREX_BUDGET;
  }

  /** When a lock that starts now ends, if the device told its lock time. */
  Instant lockEndFromNow() {
    LockFacts f = guard.fact(key(), LockFacts.class);
    return f == null || f.lockTime() == null ? null : Instant.now().plus(f.lockTime());
  }

  /** Records the lockout settings read from the device and applies them to {@code user}. */
  void learnLockout(String user, boolean enabled, int times, Duration lockTime) {
    if (times <= 0) {
      return;
    }
    guard.putFact(key(), new LockFacts(enabled, times, lockTime));
    configure(user);
  }

  /**
   * How long the device remembers failures when it did not say: 30 minutes, the legacy Lorex lock
   * time (LNR400 manual), so a budget spent on a device never read is restored after that long.
   */
  static final Duration UNKNOWN_LOCK_TIME = Duration.ofMinutes(30);

  /**
   * Reserves an attempt for {@code user} in the ledger: against the caller's explicit budget for
   * this call if there is one, else against the device's.
   */
  void beforeAttempt(String user, String op) {
    configure(user);
    if (options.attemptBudget().isPresent()) {
      guard.beforeAttemptWithBudget(key(), user, options.attemptBudget().getAsInt(), device(), op);
    } else {
      guard.beforeAttempt(key(), user, deviceBudget(), device(), op);
    }
  }

  /**
   * Runs a login reserved with {@link #beforeAttempt}; an outcome that is not the device's verdict
   * on the credentials (network, busy, protocol) releases the reservation.
   */
  void settleUnjudged(String user, Runnable login) {
    try {
      login.run();
    } catch (io.nvrkit.core.AuthenticationFailedException
        | io.nvrkit.core.AccountLockedException e) {
      throw e; // the verdict was recorded (onFailure/onLocked)
    } catch (RuntimeException e) {
      guard.releaseAttempt(key(), user);
      throw e;
    }
  }

  /** Applies the device's budget and failure window to {@code user} in the guard. */
  void configure(String user) {
    LockFacts f = guard.fact(key(), LockFacts.class);
    guard.configure(
        key(),
        user,
        deviceBudget(),
        f == null || f.lockTime() == null ? UNKNOWN_LOCK_TIME : f.lockTime());
  }
}
