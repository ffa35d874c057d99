package io.nvrkit.core;

/**
 * A secret (a new password, an HTTP Basic login, a desk's token or a temporary password) would have
 * travelled over plain HTTP to an address other than loopback, and the endpoint does not allow
 * that. Nothing was sent. Use {@code https}, or {@link
 * DeviceEndpoint.Builder#allowPlaintextSecrets(boolean)} on a network you trust.
 */
public class PlaintextRefusedException extends NvrException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was refused; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   */
  public PlaintextRefusedException(String message, String device, String operation) {
    super(message, device, operation, null);
  }
}
