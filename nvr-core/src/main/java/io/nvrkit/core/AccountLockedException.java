package io.nvrkit.core;

import java.time.Instant;
import java.util.Optional;

/**
 * The device has locked the account after too many failed logins.
 *
 * <p>{@link #retryAfter()} is when the device will accept logins again, where the device said so or
 * its lockout settings are known. Retryable only after that time.
 */
public class AccountLockedException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** When the lock ends, or null if unknown. */
  private final Instant retryAfter;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param retryAfter when the lock ends, or null if unknown
   * @param cause the underlying exception, or null
   */
  public AccountLockedException(
      String message, String device, String operation, Instant retryAfter, Throwable cause) {
    super(message, device, operation, cause);
    this.retryAfter = retryAfter;
  }

  /**
   * When the device will accept logins for this account again.
   *
   * @return the end of the lock, if known
   */
  public Optional<Instant> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** True: the same call may succeed after {@link #retryAfter()}. */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
