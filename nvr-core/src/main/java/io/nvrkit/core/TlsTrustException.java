package io.nvrkit.core;

/**
 * The device's TLS certificate is not trusted: not valid under the system trust store, or its
 * public key does not match the pinned or first-seen pin.
 *
 * <p>Not retryable: re-pinning is an explicit operator action, since a mismatch can mean a factory
 * reset or an attacker.
 */
public class TlsTrustException extends NvrException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param cause the underlying exception, or null
   */
  public TlsTrustException(String message, String device, String operation, Throwable cause) {
    super(message, device, operation, cause);
  }

  /**
   * Creates the exception with a message only.
   *
   * @param message what went wrong; must not contain a secret
   */
  public TlsTrustException(String message) {
    this(message, null, null, null);
  }
}
