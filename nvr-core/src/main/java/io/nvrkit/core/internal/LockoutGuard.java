package io.nvrkit.core.internal;

import io.nvrkit.core.internal.ledger.AccountState;
import io.nvrkit.core.internal.ledger.StateLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;

/**
 * The in-memory {@link io.nvrkit.core.spi.LockoutLedger}: per device and user, the failed logins
 * the client still allows itself, always below the device's lockout threshold. One per kit unless
 * the kit is given another ledger; the rules are those of {@link AccountState}. Thread-safe: each
 * account's state is changed under its own monitor.
 */
public final class LockoutGuard extends StateLedger {

  /** Per device ({@code host:port}), per account. */
  private final ConcurrentMap<String, ConcurrentMap<String, AccountState>> states =
      new ConcurrentHashMap<>();

  /**
   * A guard with its own state; each {@link io.nvrkit.core.NvrKit} owns one by default.
   *
   * @param clock the clock
   */
  public LockoutGuard(Clock clock) {
    super(clock);
  }

  @Override
  protected <R> R update(
      String deviceKey, String user, boolean create, BiFunction<AccountState, Instant, R> change) {
    AccountState s;
    if (create) {
      s =
          states
              .computeIfAbsent(deviceKey, k -> new ConcurrentHashMap<>())
              .computeIfAbsent(user, k -> new AccountState());
    } else {
      ConcurrentMap<String, AccountState> device = states.get(deviceKey);
      s = device == null ? null : device.get(user);
    }
    if (s == null) {
      return change.apply(null, now());
    }
    synchronized (s) {
      return change.apply(s, now());
    }
  }

  @Override
  protected void forgetStates(String deviceKey) {
    states.remove(deviceKey);
  }
}
