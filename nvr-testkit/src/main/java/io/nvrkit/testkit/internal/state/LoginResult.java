package io.nvrkit.testkit.internal.state;

import java.time.Duration;

/**
 * The outcome of one login attempt against a device's accounts.
 *
 * @param outcome what happened
 * @param remainingAttempts attempts left before the lock (after this one)
 * @param remainingLock how long the account stays locked (zero if not locked)
 * @param viaTemporaryPassword whether the temporary password of a reset was used
 */
public record LoginResult(
    Outcome outcome, int remainingAttempts, Duration remainingLock, boolean viaTemporaryPassword) {

  /** What happened. */
  public enum Outcome {
    /** Right credentials. */
    OK,
    /** Wrong password or unknown user; counted. */
    FAILED,
    /** This failure locked the account. */
    FAILED_NOW_LOCKED,
    /** The account was already locked; the password was not even checked. */
    LOCKED
  }

  /**
   * Whether the login succeeded.
   *
   * @return true for {@link Outcome#OK}
   */
  public boolean ok() {
    return outcome == Outcome.OK;
  }

  /**
   * Remaining lock in whole seconds, rounded up.
   *
   * @return seconds
   */
  public long remainingLockSeconds() {
    long s = remainingLock.getSeconds();
    return remainingLock.getNano() > 0 ? s + 1 : s;
  }
}
