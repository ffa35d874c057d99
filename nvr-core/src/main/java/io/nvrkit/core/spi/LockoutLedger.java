package io.nvrkit.core.spi;

import java.nio.file.Path;
import java.time.Clock;
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
 * <p><b>Reservations.</b> {@link #beforeAttempt} reserves the attempt: until the device's verdict
 * arrives it counts as a failure, so concurrent callers (threads of one kit, or processes sharing a
 * {@linkplain #file file ledger}) never send more attempts than the budget between them. The
 * verdict settles it: {@link #onFailure} turns it into a failure, {@link #onSuccess} drops it; a
 * driver calls {@link #releaseAttempt} when the attempt ended without a verdict (the network failed
 * before an answer, the device was busy). A reservation never settled (the process died) lapses
 * after two minutes.
 *
 * <p><b>Rules for what devices report.</b> A budget is clamped to {@code 0..}{@value
 * #MAX_DEVICE_BUDGET} (a device claiming to lock after 1000 failures is not believed), a failure
 * window and a lock to {@link #MIN_WINDOW}..{@link #MAX_LOCK}. A lock reported without an end time
 * lasts the configured window, or {@link #DEFAULT_LOCK} when none is known; failures with no
 * configured window are forgotten after {@link #DEFAULT_LOCK} too. While failures are outstanding,
 * a new {@link #configure} can lower the budget but not raise it (a guess must not override a lower
 * threshold learned earlier, perhaps by another process).
 *
 * <p>Obtain the kit's ledger from {@link DriverContext#lockoutLedger()}; a new, empty one from
 * {@link #inMemory(Clock)}; one that processes share from {@link #file(Path, Clock)} (or {@link
 * io.nvrkit.core.LockoutLedgers}). Implementations are thread-safe.
 */
public interface LockoutLedger {

  /**
   * The largest budget a device can configure: a device locking after more than 10 is not believed.
   */
  int MAX_DEVICE_BUDGET = 9;

  /** The lock time assumed when a device reports a lock without an end, or no failure window. */
  Duration DEFAULT_LOCK = Duration.ofMinutes(30);

  /** The shortest failure window or lock believed. */
  Duration MIN_WINDOW = Duration.ofMinutes(1);

  /** The longest failure window or lock believed (a longer one is tried again after this). */
  Duration MAX_LOCK = Duration.ofHours(24);

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
  static LockoutLedger inMemory(Clock clock) {
    return new io.nvrkit.core.internal.LockoutGuard(clock);
  }

  /**
   * A ledger kept in {@code file}, shared by every process that uses the same file: each
   * reservation and verdict is a read-modify-write of the file under an exclusive file lock. The
   * file and its directory are created owner-only; the file holds device keys, user names, counts
   * and times, never a secret. A file that cannot be parsed is reported (WARN) and replaced by an
   * empty ledger. What drivers remember with {@link #putFact} stays in this instance's memory.
   *
   * @param file the ledger file; a sibling {@code <name>.lock} is created next to it
   * @param clock the clock that times lock ends and failure windows
   * @return the ledger
   * @throws io.nvrkit.core.NvrException (from later calls) if the file cannot be locked, read or
   *     written; the attempt is then refused
   */
  static LockoutLedger file(Path file, Clock clock) {
    return new io.nvrkit.core.internal.ledger.FileLockoutLedger(file, clock);
  }

  /**
   * Sets the budget for a device and account: the device's lockout threshold minus one, and how
   * long the device remembers failures (its lock time; failures older than that are forgotten).
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param budget failed attempts allowed, clamped to {@code 0..}{@value #MAX_DEVICE_BUDGET}; never
   *     the caller's explicit per-call budget (see {@link #beforeAttemptWithBudget})
   * @param window how long failures count, or null if unknown ({@link #DEFAULT_LOCK}); clamped
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
   * Like {@link #beforeAttempt}, but checks and reserves against {@code callBudget}, the caller's
   * explicit budget for this call only ({@link io.nvrkit.core.ConnectOptions#attemptBudget()}); the
   * device's stored budget is neither used nor changed.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param callBudget failed attempts this call allows, 0 or more (not clamped)
   * @param device the device, for the exception message
   * @param operation the operation, for the exception message
   * @throws io.nvrkit.core.AccountLockedException if the account is locked
   * @throws io.nvrkit.core.LoginBudgetExhaustedException if {@code callBudget} is spent
   */
  void beforeAttemptWithBudget(
      String deviceKey, String user, int callBudget, String device, String operation);

  /**
   * Checks, without reserving anything, that credentials already proven in this session may be
   * sent: refuses while the account is locked or its budget spent.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param defaultBudget the budget to assume if none is configured
   * @param device the device, for the exception message
   * @param operation the operation, for the exception message
   * @throws io.nvrkit.core.AccountLockedException if the account is locked
   * @throws io.nvrkit.core.LoginBudgetExhaustedException if the budget is spent
   */
  void checkProvenAttempt(
      String deviceKey, String user, int defaultBudget, String device, String operation);

  /**
   * The attempt reserved by {@link #beforeAttempt} ended without the device judging the credentials
   * (no answer, busy, a connection limit): its reservation is dropped.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   */
  void releaseAttempt(String deviceKey, String user);

  /**
   * Records a refused login; settles one reservation.
   *
   * @param deviceKey {@code host:port}
   * @param user the account
   * @param defaultBudget the budget to assume if none is configured
   * @return failed attempts still allowed
   */
  int onFailure(String deviceKey, String user, int defaultBudget);

  /**
   * Records an accepted login: the device resets its failure counter (settles one reservation).
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
   * @param until when the lock ends, or null if unknown (then the configured window, else {@link
   *     #DEFAULT_LOCK}); clamped to at most {@link #MAX_LOCK} from now
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
