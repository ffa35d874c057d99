package io.nvrkit.core;

/**
 * The device could not be reached or did not answer in time (connect, response or total timeout,
 * connection reset).
 *
 * <p>Retryable for reads. For a password change the answer may have been lost after the device
 * applied it: callers must find out which password works before sending another change (the
 * rotation engine does).
 */
public class DeviceUnreachableException extends NvrException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param cause the underlying exception, or null
   */
  public DeviceUnreachableException(
      String message, String device, String operation, Throwable cause) {
    super(message, device, operation, cause);
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
}
