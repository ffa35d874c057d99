package io.nvrkit.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How a fake device locks an account after wrong passwords: the Dahua {@code General} settings
 * {@code LockLoginEnable}, {@code LockLoginTimes} and {@code LoginFailLockTime}.
 *
 * <p>After {@code attempts} consecutive failures the account is locked for {@code lockTime},
 * measured on the device's {@link FakeClock}; while locked even the right password is refused. A
 * successful login resets the count. Immutable and thread-safe.
 *
 * @param enabled {@code LockLoginEnable}: whether failures lock the account at all
 * @param attempts {@code LockLoginTimes}: failures that lock the account, at least 1
 * @param lockTime {@code LoginFailLockTime}: how long the lock lasts, positive
 */
public record Lockout(boolean enabled, int attempts, Duration lockTime) {

  /**
   * Validates the settings.
   *
   * @param enabled whether failures lock the account
   * @param attempts failures that lock the account
   * @param lockTime lock duration
   * @throws IllegalArgumentException if {@code attempts < 1} or {@code lockTime} is not positive
   */
  public Lockout {
    Objects.requireNonNull(lockTime, "lockTime");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if (lockTime.isNegative() || lockTime.isZero()) {
      throw new IllegalArgumentException("lockTime must be positive");
    }
  }

  /**
   * The Dahua-family default seen on a real NVR: enabled, 5 attempts, 300 seconds.
   *
   * @return the default
   */
  public static Lockout dahuaDefault() {
    return new Lockout(true, 5, Duration.ofSeconds(300));
  }

  /**
   * Hikvision's illegal-login lock default ({@code /ISAPI/Security/illegalLoginLock}): enabled, 5
   * attempts, 1800 seconds. On Hikvision the lock applies to the source IP, not the account.
   *
   * @return the Hikvision default
   */
  public static Lockout hikvisionDefault() {
    return new Lockout(true, 5, Duration.ofSeconds(1800));
  }

  /**
   * The older Lorex (LNR-style) behaviour: 3 attempts lock the account for 30 minutes.
   *
   * @return the legacy Lorex profile
   */
  public static Lockout legacyLorex() {
    return new Lockout(true, 3, Duration.ofSeconds(1800));
  }

  /**
   * Any number of attempts and {@code lockTime}.
   *
   * @param attempts failures that lock the account
   * @param lockTime lock duration
   * @return the settings, enabled
   * @throws IllegalArgumentException if the values are out of range
   */
  public static Lockout after(int attempts, Duration lockTime) {
    return new Lockout(true, attempts, lockTime);
  }

  /**
   * No lockout at all ({@code LockLoginEnable=false}); failures are still counted.
   *
   * @return disabled settings
   */
  public static Lockout disabled() {
    return new Lockout(false, 5, Duration.ofSeconds(300));
  }
}
