package io.nvrkit.core.internal.ledger;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.LoginBudgetExhaustedException;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the client knows of one device account's failed logins, and the rules every ledger applies
 * to it (in memory or in a file). Every method takes the current time; none reads a clock. Not
 * thread-safe: the ledger serializes access (a monitor in memory, a file lock on disk).
 *
 * <p>An attempt is <em>reserved</em> before it is sent ({@link #reserve}): the reservation counts
 * as a failure until the device's verdict arrives ({@link #failure} turns it into one, {@link
 * #success} drops it, {@link #release} drops it when the device judged nothing). A reservation that
 * is never settled (the process died) lapses after {@link #RESERVATION_LEASE}. Concurrent callers
 * therefore never send more attempts than the budget, whichever thread or process they are in.
 */
public final class AccountState {
  /** How long an unsettled reservation counts as a failure: longer than any one login exchange. */
  public static final Duration RESERVATION_LEASE = Duration.ofMinutes(2);

  /** The most reservations kept per account (a bound on the file, not on correctness). */
  static final int MAX_PENDING = 64;

  /** The most failures counted per account (a bound on the file). */
  static final int MAX_SPENT = 10_000;

  int budget;
  boolean configured;

  /** When the configured budget or window last changed; such an entry is kept a day after it. */
  Instant configuredAt;

  Duration window;
  int spent;
  Instant lastFailure;
  Instant lockedUntil;
  final List<Instant> pending = new ArrayList<>();

  /** A fresh state: nothing spent, no budget configured. */
  public AccountState() {}

  /** The budget that applies: the configured device budget, else {@code defaultBudget}, clamped. */
  int budget(int defaultBudget) {
    return configured ? budget : clampBudget(defaultBudget);
  }

  static int clampBudget(int budget) {
    return Math.max(0, Math.min(LockoutLedger.MAX_DEVICE_BUDGET, budget));
  }

  static Duration clampWindow(Duration window) {
    if (window == null) {
      return null;
    }
    if (window.compareTo(LockoutLedger.MIN_WINDOW) < 0) {
      return LockoutLedger.MIN_WINDOW;
    }
    return window.compareTo(LockoutLedger.MAX_LOCK) > 0 ? LockoutLedger.MAX_LOCK : window;
  }

  private Duration windowOrDefault() {
    return window != null ? window : LockoutLedger.DEFAULT_LOCK;
  }

  /** Applies the time rules: lapsed reservations, ended locks, forgotten failures. */
  void expire(Instant now) {
    pending.removeIf(lease -> !now.isBefore(lease));
    if (lockedUntil != null) {
      if (now.isBefore(lockedUntil)) {
        return;
      }
      lockedUntil = null;
      spent = 0;
    }
    if (spent > 0 && lastFailure != null && !now.isBefore(lastFailure.plus(windowOrDefault()))) {
      spent = 0;
    }
  }

  /**
   * Whether the state carries nothing worth keeping once {@link #expire} ran: no failure, lock or
   * reservation, and no budget learned in the last {@link LockoutLedger#MAX_LOCK}.
   */
  boolean isClean(Instant now) {
    return spent == 0
        && lockedUntil == null
        && pending.isEmpty()
        && (configuredAt == null || !now.isBefore(configuredAt.plus(LockoutLedger.MAX_LOCK)));
  }

  /** Whether failures, a lock or reservations are recorded (more than a learned budget). */
  boolean counts() {
    return spent > 0 || lockedUntil != null || !pending.isEmpty();
  }

  /** The last moment this state matters: after it the entry may be dropped. */
  Instant expiresAt() {
    Instant t = configuredAt == null ? Instant.MIN : configuredAt.plus(LockoutLedger.MAX_LOCK);
    if (lockedUntil != null) {
      t = lockedUntil;
    }
    if (spent > 0 && lastFailure != null && lastFailure.plus(windowOrDefault()).isAfter(t)) {
      t = lastFailure.plus(windowOrDefault());
    }
    for (Instant lease : pending) {
      if (lease.isAfter(t)) {
        t = lease;
      }
    }
    return t;
  }

  void configure(Instant now, int newBudget, Duration newWindow) {
    int b = clampBudget(newBudget);
    Duration w = clampWindow(newWindow);
    if (configured && (spent > 0 || lockedUntil != null)) {
      // failures are outstanding: a lower threshold heard earlier (perhaps by another process)
      // must not be raised by a guess, and failures must not be forgotten sooner
      b = Math.min(b, budget);
      if (window != null && (w == null || window.compareTo(w) > 0)) {
        w = window;
      }
    }
    if (!configured || budget != b || !java.util.Objects.equals(window, w)) {
      configuredAt = now;
    }
    configured = true;
    budget = b;
    window = w;
  }

  /**
   * Checks that an attempt may be made and, if {@code reserve}, reserves it.
   *
   * @param budget the budget for this attempt
   */
  void check(
      Instant now, int budget, boolean reserve, String device, String operation, String user) {
    expire(now);
    if (lockedUntil != null) {
      throw new AccountLockedException(
          "the account is locked on the device (as recorded by the lockout ledger); nothing was"
              + " sent",
          device,
          operation,
          lockedUntil,
          null);
    }
    int b = Math.max(0, budget);
    if (spent + pending.size() >= b) {
      throw exhausted(now, b, device, operation);
    }
    if (reserve) {
      if (pending.size() >= MAX_PENDING) {
        pending.remove(0);
      }
      pending.add(now.plus(RESERVATION_LEASE));
    }
  }

  private LoginBudgetExhaustedException exhausted(
      Instant now, int b, String device, String operation) {
    // the device allows budget + 1 failures before it locks (the budget keeps one in reserve)
    int leftOnDevice = Math.max(0, b + 1 - spent);
    Instant safe = null;
    if (spent > 0 && lastFailure != null) {
      safe = lastFailure.plus(windowOrDefault());
    }
    if (spent < b && !pending.isEmpty()) {
      Instant lease = pending.get(0);
      for (Instant l : pending) {
        lease = l.isBefore(lease) ? l : lease;
      }
      safe = safe == null || lease.isBefore(safe) ? lease : safe;
    }
    String when =
        safe == null
            ? "after one successful login"
            : "at " + safe.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String why =
        spent >= b
            ? spent + " failed login(s) recorded"
            : (spent + pending.size()) + " attempt(s) recorded or in progress";
    return new LoginBudgetExhaustedException(
        "refusing to send a login: "
            + why
            + ", and the device allows about "
            + leftOnDevice
            + " more attempt(s) before it locks the account; nothing was sent. It is safe to try"
            + " again "
            + when
            + ", or spend the last attempt knowingly with an explicit attempt budget once you"
            + " are sure of the password",
        device,
        operation,
        leftOnDevice,
        safe);
  }

  /** A refused login: turns one reservation into a failure; returns failures still allowed. */
  int failure(Instant now, int budget) {
    expire(now);
    if (!pending.isEmpty()) {
      pending.remove(0);
    }
    if (spent < MAX_SPENT) {
      spent++;
    }
    lastFailure = now;
    return Math.max(0, budget - spent);
  }

  /** An accepted login: the device reset its counter. */
  void success() {
    spent = 0;
    lockedUntil = null;
    lastFailure = null;
    if (!pending.isEmpty()) {
      pending.remove(0);
    }
  }

  /** An attempt that ended without the device judging the credentials. */
  void release() {
    if (!pending.isEmpty()) {
      pending.remove(pending.size() - 1);
    }
  }

  int learnRemaining(Instant now, int remainingOnDevice, int budget) {
    expire(now);
    int allowed = Math.max(0, remainingOnDevice - 1);
    spent = Math.min(MAX_SPENT, Math.max(spent, budget - allowed));
    lastFailure = now;
    return Math.max(0, budget - spent);
  }

  void locked(Instant now, Instant until) {
    Instant end = until != null ? until : now.plus(windowOrDefault());
    Instant latest = now.plus(LockoutLedger.MAX_LOCK);
    if (end.isAfter(latest)) {
      end = latest;
    }
    if (!end.isAfter(now)) {
      end = now.plus(LockoutLedger.MIN_WINDOW);
    }
    lockedUntil = end;
    spent = Math.max(spent, 1);
    lastFailure = now;
    pending.clear();
  }

  int remaining(Instant now, int budget) {
    expire(now);
    if (lockedUntil != null) {
      return 0;
    }
    return Math.max(0, budget - spent - pending.size());
  }
}
