package io.nvrkit.core.internal.ledger;

import io.nvrkit.core.spi.LockoutLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;

/**
 * The {@link LockoutLedger} operations on {@link AccountState}s; a subclass says where the states
 * live and how access to one is made exclusive. Facts ({@link #putFact}) stay in memory.
 * Thread-safe if the subclass's {@link #update} is.
 */
public abstract class StateLedger implements LockoutLedger {
  private final Clock clock;

  /** Per device, what a driver read about its lockout (by the fact's type). */
  private final ConcurrentMap<String, ConcurrentMap<Class<?>, Object>> facts =
      new ConcurrentHashMap<>();

  /**
   * A ledger on {@code clock}.
   *
   * @param clock the wall clock
   */
  protected StateLedger(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Applies {@code change} to the state of one account, exclusively, and keeps the result.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param create whether a missing state is created (else {@code change} sees null)
   * @param change the change; gets the state and the current time
   * @param <R> the result type
   * @return what {@code change} returned
   */
  protected abstract <R> R update(
      String deviceKey, String user, boolean create, BiFunction<AccountState, Instant, R> change);

  /**
   * Drops every account state of a device.
   *
   * @param deviceKey {@code host:port}
   */
  protected abstract void forgetStates(String deviceKey);

  /**
   * The current time.
   *
   * @return the clock's instant
   */
  protected final Instant now() {
    return clock.instant();
  }

  @Override
  public void configure(String deviceKey, String user, int budget, Duration window) {
    update(
        deviceKey,
        user,
        true,
        (s, now) -> {
          s.expire(now);
          s.configure(now, budget, window);
          return null;
        });
  }

  @Override
  public void beforeAttempt(
      String deviceKey, String user, int defaultBudget, String device, String operation) {
    update(
        deviceKey,
        user,
        true,
        (s, now) -> {
          s.check(now, s.budget(defaultBudget), true, device, operation, user);
          return null;
        });
  }

  @Override
  public void beforeAttemptWithBudget(
      String deviceKey, String user, int callBudget, String device, String operation) {
    update(
        deviceKey,
        user,
        true,
        (s, now) -> {
          s.check(now, Math.max(0, callBudget), true, device, operation, user);
          return null;
        });
  }

  @Override
  public void checkProvenAttempt(
      String deviceKey, String user, int defaultBudget, String device, String operation) {
    update(
        deviceKey,
        user,
        false,
        (s, now) -> {
          if (s != null) {
            // proven credentials reserve nothing; only a lock or failures recorded stop them
            s.expire(now);
            int b = s.budget(defaultBudget);
            if (s.lockedUntil != null || s.spent >= b) {
              s.check(now, b, false, device, operation, user);
            }
          }
          return null;
        });
  }

  @Override
  public void releaseAttempt(String deviceKey, String user) {
    ifKnown(deviceKey, user, AccountState::release);
  }

  @Override
  public int onFailure(String deviceKey, String user, int defaultBudget) {
    return update(deviceKey, user, true, (s, now) -> s.failure(now, s.budget(defaultBudget)));
  }

  @Override
  public void onSuccess(String deviceKey, String user) {
    ifKnown(deviceKey, user, AccountState::success);
  }

  /** Applies {@code change} to the account's state if the ledger has one; creates none. */
  private void ifKnown(
      String deviceKey, String user, java.util.function.Consumer<AccountState> change) {
    update(
        deviceKey,
        user,
        false,
        (s, now) -> {
          if (s != null) {
            change.accept(s);
          }
          return null;
        });
  }

  @Override
  public int learnRemaining(
      String deviceKey, String user, int remainingOnDevice, int defaultBudget) {
    return update(
        deviceKey,
        user,
        true,
        (s, now) -> s.learnRemaining(now, remainingOnDevice, s.budget(defaultBudget)));
  }

  @Override
  public void onLocked(String deviceKey, String user, Instant until) {
    update(
        deviceKey,
        user,
        true,
        (s, now) -> {
          s.locked(now, until);
          return null;
        });
  }

  @Override
  public int remaining(String deviceKey, String user, int defaultBudget) {
    Integer r =
        update(
            deviceKey,
            user,
            false,
            (s, now) -> s == null ? null : s.remaining(now, s.budget(defaultBudget)));
    return r != null ? r : AccountState.clampBudget(defaultBudget);
  }

  @Override
  public void putFact(String deviceKey, Object fact) {
    Objects.requireNonNull(fact, "fact");
    facts.computeIfAbsent(deviceKey, k -> new ConcurrentHashMap<>()).put(fact.getClass(), fact);
  }

  @Override
  public <T> T fact(String deviceKey, Class<T> type) {
    Map<Class<?>, Object> f = facts.get(deviceKey);
    return f == null ? null : type.cast(f.get(type));
  }

  @Override
  public void forgetDevice(String deviceKey) {
    forgetStates(deviceKey);
    facts.remove(deviceKey);
  }
}
