package io.nvrkit.core;

/**
 * The device could not be reached or did not answer in time (connect, response or total timeout,
 * connection reset).
 *
 * <p>Retryable for reads. For a password change the answer may have been lost after the device
 * applied it: callers must find out which password works before sending another change (the
 * rotation engine does). {@link #credentialsPossiblySent()} is false when the connection could not
 * be opened (connect refused or timed out, unknown host, TLS handshake lost), when only a request
 * without credentials was lost (a challenge round), or when the device answered busy without
 * judging the credentials: the device cannot have counted a failed login.
 */
public class DeviceUnreachableException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** Whether credentials may have reached the device. */
  private final boolean credentialsPossiblySent;

  /**
   * Creates the exception, saying whether a credentialed request may have reached the device.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param credentialsPossiblySent false only when the device cannot have counted a failed login
   *     (nothing credentialed was written, or it answered busy); see {@link
   *     #credentialsPossiblySent()}
   * @param cause the underlying exception, or null
   */
  public DeviceUnreachableException(
      String message,
      String device,
      String operation,
      boolean credentialsPossiblySent,
      Throwable cause) {
    super(message, device, operation, cause);
    this.credentialsPossiblySent = credentialsPossiblySent;
  }

  /**
   * Creates the exception; credentials are taken as possibly sent.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param cause the underlying exception, or null
   */
  public DeviceUnreachableException(
      String message, String device, String operation, Throwable cause) {
    this(message, device, operation, true, cause);
  }

  /**
   * Creates the exception with a message only.
   *
   * @param message what went wrong; must not contain a secret
   */
  public DeviceUnreachableException(String message) {
    this(message, null, null, null);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }

  @Override
  public boolean credentialsPossiblySent() {
    return credentialsPossiblySent;
  }
}
