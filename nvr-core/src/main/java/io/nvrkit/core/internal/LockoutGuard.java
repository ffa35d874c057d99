package io.nvrkit.core.internal;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per device and user, the number of failed logins the client still allows itself: always below the
 * device's lockout threshold, so the client never spends the attempt that would lock the account.
 * The in-memory {@link LockoutLedger}: one per kit, shared by every driver and session of the kit,
 * because the device counts failures per account, not per session.
 *
 * <p>Adapters call {@link #beforeAttempt} before every authenticated request that could fail,
 * {@link #onFailure} when the device refused the credentials, {@link #onSuccess} when it accepted
 * them, and {@link #learnRemaining} / {@link #onLocked} when the device says how many tries remain
 * or that the account is locked. Thread-safe.
 */
public final class LockoutGuard implements LockoutLedger {

  private final Clock clock;

  /** Per device ({@code host:port}), per account. */
  private final ConcurrentMap<String, ConcurrentMap<String, State>> states =
      new ConcurrentHashMap<>();

  /** Per device, what an adapter read about its lockout (by the fact's type). */
  private final ConcurrentMap<String, ConcurrentMap<Class<?>, Object>> facts =
      new ConcurrentHashMap<>();

  /** What {@link #onLocked} spends: every attempt, whatever the budget turns out to be. */
  private static final int ALL = Integer.MAX_VALUE / 4;

  private static final class State {
    /** Set by {@link #configure}; until then the callers' default budget applies. */
    boolean configured;

    int budget;
    int spent;
    Instant lockedUntil;
    Instant lastFailure;
    Duration window;
  }

  /**
   * A guard with its own state; each {@link io.nvrkit.core.NvrKit} owns one.
   *
   * @param clock the clock
   */
  public LockoutGuard(Clock clock) {
    this.clock = clock;
  }

  private State state(String deviceKey, String user, int defaultBudget) {
    State s =
        states
            .computeIfAbsent(deviceKey, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(user, k -> new State());
    synchronized (s) {
      if (!s.configured) {
        s.budget = Math.max(0, defaultBudget);
      }
    }
    return s;
  }

  /**
   * Sets the budget for a device and user: the device's lockout threshold minus one, and how long
   * the device remembers failures (its lock time; failures older than that are forgotten).
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param budget failed attempts allowed, 0 or more
   * @param window how long failures count, or null for forever
   */
  @Override
  public void configure(String deviceKey, String user, int budget, Duration window) {
    State s = state(deviceKey, user, budget);
    synchronized (s) {
      s.configured = true;
      s.budget = Math.max(0, budget);
      s.window = window;
    }
  }

  /**
   * Checks that an attempt may be made. A request with credentials that have not yet been proven
   * must call this first.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param defaultBudget the budget to assume if none is configured
   * @param device the device, for the exception
   * @param operation the operation, for the exception
   * @throws AccountLockedException if the device said the account is locked and the lock has not
   *     ended
   * @throws io.nvrkit.core.LoginBudgetExhaustedException if the budget is spent: the next failure
   *     could lock the account (nothing is sent)
   */
  @Override
  public void beforeAttempt(
      String deviceKey, String user, int defaultBudget, String device, String operation) {
    State s = state(deviceKey, user, defaultBudget);
    synchronized (s) {
      Instant now = clock.instant();
      if (s.lockedUntil != null) {
        if (now.isBefore(s.lockedUntil)) {
          throw new AccountLockedException(
              "account is locked on the device", device, operation, s.lockedUntil, null);
        }
        s.lockedUntil = null;
        s.spent = 0;
      }
      expire(s, now);
      if (s.spent >= s.budget) {
        throw new io.nvrkit.core.LoginBudgetExhaustedException(
            "refusing to try again: "
                + (s.spent >= ALL
                    ? "the device reported the account locked, with no end time,"
                    : s.spent + " failed login(s) already spent")
                + " and the next failure could lock the account;"
                + " check the password, then wait for the device's lockout window or log in once"
                + " successfully",
            device,
            operation);
      }
    }
  }

  /**
   * Records a refused login.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param defaultBudget the budget to assume if none is configured
   * @return failed attempts still allowed
   */
  @Override
  public int onFailure(String deviceKey, String user, int defaultBudget) {
    State s = state(deviceKey, user, defaultBudget);
    synchronized (s) {
      Instant now = clock.instant();
      expire(s, now);
      s.spent++;
      s.lastFailure = now;
      return Math.max(0, s.budget - s.spent);
    }
  }

  /**
   * Records an accepted login: the device resets its failure counter.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   */
  @Override
  public void onSuccess(String deviceKey, String user) {
    Map<String, State> device = states.get(deviceKey);
    State s = device == null ? null : device.get(user);
    if (s != null) {
      synchronized (s) {
        s.spent = 0;
        s.lockedUntil = null;
      }
    }
  }

  /**
   * The device said how many attempts remain before it locks; the client keeps one in reserve.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param remainingOnDevice attempts the device still allows
   * @param defaultBudget the budget to assume if none is configured
   * @return failed attempts the client still allows itself
   */
  @Override
  public int learnRemaining(
      String deviceKey, String user, int remainingOnDevice, int defaultBudget) {
    State s = state(deviceKey, user, defaultBudget);
    synchronized (s) {
      int allowed = Math.max(0, remainingOnDevice - 1);
      s.spent = Math.max(s.spent, s.budget - allowed);
      s.lastFailure = clock.instant();
      return Math.max(0, s.budget - s.spent);
    }
  }

  /**
   * The device said the account is locked.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param until when the lock ends, or null if unknown (then the budget stays spent)
   */
  @Override
  public void onLocked(String deviceKey, String user, Instant until) {
    Map<String, State> device = states.computeIfAbsent(deviceKey, k -> new ConcurrentHashMap<>());
    State s = device.computeIfAbsent(user, k -> new State());
    synchronized (s) {
      s.lockedUntil = until;
      s.spent = ALL;
      s.lastFailure = clock.instant();
    }
  }

  /**
   * Forgets everything learned about the device at {@code deviceKey}: another device now answers
   * there (the testkit calls this when a fake device binds a port an earlier one used).
   *
   * @param deviceKey {@code host:port}
   */
  @Override
  public void forgetDevice(String deviceKey) {
    states.remove(deviceKey);
    facts.remove(deviceKey);
  }

  /**
   * Remembers what an adapter read from a device about its lockout (its threshold, its lock time),
   * so that later sessions in this JVM use it; forgotten with the device ({@link #forgetDevice}).
   *
   * @param deviceKey {@code host:port}
   * @param fact the fact; replaces an earlier one of the same class
   */
  @Override
  public void putFact(String deviceKey, Object fact) {
    facts.computeIfAbsent(deviceKey, k -> new ConcurrentHashMap<>()).put(fact.getClass(), fact);
  }

  /**
   * What {@link #putFact} remembered for a device.
   *
   * @param deviceKey {@code host:port}
   * @param type the fact's class
   * @param <T> the fact's type
   * @return the fact, or null if none
   */
  @Override
  public <T> T fact(String deviceKey, Class<T> type) {
    Map<Class<?>, Object> f = facts.get(deviceKey);
    return f == null ? null : type.cast(f.get(type));
  }

  /**
   * Failed attempts still allowed.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param defaultBudget the budget to assume if none is configured
   * @return the remaining budget
   */
  @Override
  public int remaining(String deviceKey, String user, int defaultBudget) {
    State s = state(deviceKey, user, defaultBudget);
    synchronized (s) {
      expire(s, clock.instant());
      return Math.max(0, s.budget - s.spent);
    }
  }

  private static void expire(State s, Instant now) {
    if (s.window != null
        && s.lastFailure != null
        && s.spent > 0
        && now.isAfter(s.lastFailure.plus(s.window))) {
      s.spent = 0;
    }
  }
}
