package io.nvrkit.core;

/**
 * The device or its adapter does not support the requested operation (for example, creating users
 * on firmware that forbids it).
 */
public class NotSupportedException extends NvrException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param cause the underlying exception, or null
   */
  public NotSupportedException(String message, String device, String operation, Throwable cause) {
    super(message, device, operation, cause);
  }

  /**
   * Creates the exception with a message only.
   *
   * @param message what went wrong; must not contain a secret
   */
  public NotSupportedException(String message) {
    this(message, null, null, null);
  }
}
