package io.nvrkit.core;

import java.util.OptionalInt;

/**
 * The device refused the credentials, or the client refused to spend the device's last login
 * attempt before it would lock the account.
 *
 * <p>Never retried automatically: repeating a wrong password locks the account. {@link
 * #remainingAttempts()} tells how many failed attempts the client still allows itself against this
 * device and user, where known.
 */
public class AuthenticationFailedException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** Remaining attempts the client allows itself, or -1 if unknown. */
  private final int remainingAttempts;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param remainingAttempts failed attempts the client still allows itself, or -1 if unknown
   * @param cause the underlying exception, or null
   */
  public AuthenticationFailedException(
      String message, String device, String operation, int remainingAttempts, Throwable cause) {
    super(message, device, operation, cause);
    this.remainingAttempts = remainingAttempts;
  }

  /**
   * Creates the exception with a message only.
   *
   * @param message what went wrong; must not contain a secret
   */
  public AuthenticationFailedException(String message) {
    this(message, null, null, -1, null);
  }

  /**
   * How many more failed logins the client will allow itself against this device and user before it
   * stops trying (always below the device's lockout threshold).
   *
   * @return the remaining budget, if known
   */
  public OptionalInt remainingAttempts() {
    return remainingAttempts < 0 ? OptionalInt.empty() : OptionalInt.of(remainingAttempts);
  }
}
