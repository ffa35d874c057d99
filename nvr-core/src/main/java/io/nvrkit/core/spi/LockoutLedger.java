package io.nvrkit.core.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * The lockout ledger: per device and account, the number of failed logins the client still allows
 * itself, always below the device's lockout threshold, so the client never spends the attempt that
 * would lock the account. One ledger belongs to one {@link io.nvrkit.core.NvrKit} and is shared by
 * every driver and session of that kit, because a device counts failures per account, not per
 * session.
 *
 * <p>Drivers call {@link #beforeAttempt} before every authenticated request that could fail, {@link
 * #onFailure} when the device refused the credentials, {@link #onSuccess} when it accepted them,
 * and {@link #learnRemaining} / {@link #onLocked} when the device says how many tries remain or
 * that the account is locked. A {@code deviceKey} is {@link io.nvrkit.core.DeviceEndpoint#key()}
 * ({@code host:port}).
 *
 * <p>Obtain the kit's ledger from {@link DriverContext#lockoutLedger()}; a new, empty one from
 * {@link #inMemory(java.time.Clock)}. Implementations are thread-safe.
 */
public interface LockoutLedger {

  /**
   * What a device counts failed logins against, which decides the {@code user} key a driver passes
   * to every method of the ledger.
   */
  enum Scope {
    /** The device counts failures per account (Lorex, ONVIF): the key is the user name. */
    ACCOUNT,
    /**
     * The device counts failures per client (source) IP address, whatever the user name
     * (Hikvision's illegal-login lock): one budget covers every account of the device, under the
     * key {@link #WHOLE_DEVICE}.
     */
    SOURCE_ADDRESS
  }

  /** The {@code user} key under which {@link Scope#SOURCE_ADDRESS} failures are counted. */
  String WHOLE_DEVICE = "(source-address)";

  /**
   * The {@code user} key to pass to the ledger for an attempt with {@code user}'s credentials.
   *
   * @param scope what the device counts failures against
   * @param user the account
   * @return {@code user} for {@link Scope#ACCOUNT}, {@link #WHOLE_DEVICE} for {@link
   *     Scope#SOURCE_ADDRESS}
   */
  static String key(Scope scope, String user) {
    return scope == Scope.SOURCE_ADDRESS ? WHOLE_DEVICE : user;
  }

  /**
   * A new, empty ledger kept in memory.
   *
   * @param clock the clock that times lock ends and failure windows
   * @return the ledger
   */
  static LockoutLedger inMemory(java.time.Clock clock) {
    return new io.nvrkit.core.internal.LockoutGuard(clock);
  }

  /**
   * Sets the budget for a device and account: the device's lockout threshold minus one, and how
   * long the device remembers failures (its lock time; failures older than that are forgotten).
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param budget failed attempts allowed, 0 or more
   * @param window how long failures count, or null for forever
   */
  void configure(String deviceKey, String user, int budget, Duration window);

  /**
   * Checks that an attempt may be made. A request with credentials that have not yet been proven
   * must call this first.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param defaultBudget the budget to assume if none is configured
   * @param device the device, for the exception message
   * @param operation the operation, for the exception message
   * @throws io.nvrkit.core.AccountLockedException if the device said the account is locked and the
   *     lock has not ended
   * @throws io.nvrkit.core.LoginBudgetExhaustedException if the budget is spent: the next failure
   *     could lock the account (nothing is sent)
   */
  void beforeAttempt(
      String deviceKey, String user, int defaultBudget, String device, String operation);

  /**
   * Records a refused login.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param defaultBudget the budget to assume if none is configured
   * @return failed attempts still allowed
   */
  int onFailure(String deviceKey, String user, int defaultBudget);

  /**
   * Records an accepted login: the device resets its failure counter. A driver whose device is not
   * known to reset its counter on a success does not call this; its failures are then forgotten
   * only after the {@linkplain #configure configured} window.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   */
  void onSuccess(String deviceKey, String user);

  /**
   * The device said how many attempts remain before it locks; the client keeps one in reserve.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param remainingOnDevice attempts the device still allows
   * @param defaultBudget the budget to assume if none is configured
   * @return failed attempts the client still allows itself
   */
  int learnRemaining(String deviceKey, String user, int remainingOnDevice, int defaultBudget);

  /**
   * The device said the account is locked.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param until when the lock ends, or null if unknown (then the budget stays spent)
   */
  void onLocked(String deviceKey, String user, Instant until);

  /**
   * Failed attempts still allowed.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param defaultBudget the budget to assume if none is configured
   * @return the remaining budget
   */
  int remaining(String deviceKey, String user, int defaultBudget);

  /**
   * Remembers what a driver read from a device about its lockout (its threshold, its lock time), so
   * that later sessions of the kit use it; forgotten with the device ({@link #forgetDevice}).
   *
   * @param deviceKey {@code host:port}
   * @param fact the fact, an immutable value of the driver's own type; replaces an earlier one of
   *     the same class
   */
  void putFact(String deviceKey, Object fact);

  /**
   * What {@link #putFact} remembered for a device.
   *
   * @param deviceKey {@code host:port}
   * @param type the fact's class
   * @param <T> the fact's type
   * @return the fact, or null if none
   */
  <T> T fact(String deviceKey, Class<T> type);

  /**
   * Forgets everything learned about the device at {@code deviceKey}: another device now answers
   * there.
   *
   * @param deviceKey {@code host:port}
   */
  void forgetDevice(String deviceKey);
}
