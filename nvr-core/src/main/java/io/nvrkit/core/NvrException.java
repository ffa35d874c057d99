package io.nvrkit.core;

import java.util.Optional;

/**
 * The root of every exception the library throws. Unchecked.
 *
 * <p>Each subtype says what a caller can do about the failure: {@link
 * AuthenticationFailedException} (wrong password), {@link AccountLockedException} (wait until
 * {@code retryAfter}), {@link PolicyViolationException} (choose another password), {@link
 * DeviceRejectedException} (the device said no, with its own code), {@link
 * DeviceUnreachableException} (network), {@link TlsTrustException} (certificate not trusted),
 * {@link ProtocolException} (the device answered something malformed) and {@link
 * NotSupportedException}. Context is in typed accessors: the {@link #device()} and {@link
 * #operation()} concerned and {@link #isRetryable()}.
 *
 * <p>No message ever contains a secret, an authentication header or a raw device body; library
 * exceptions (I/O, HTTP, XML) appear only as the {@linkplain #getCause() cause}.
 */
public class NvrException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The device concerned (scheme, host and port), or null. */
  private final String device;

  /** The operation, such as {@code changePassword}, or null. */
  private final String operation;

  /**
   * An exception with a message and optional context.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned, or null
   * @param operation the operation, or null
   * @param cause the underlying exception, or null
   */
  public NvrException(String message, String device, String operation, Throwable cause) {
    super(compose(message, device, operation), cause);
    this.device = device;
    this.operation = operation;
  }

  /**
   * An exception with a message only.
   *
   * @param message what went wrong; must not contain a secret
   */
  public NvrException(String message) {
    this(message, null, null, null);
  }

  private static String compose(String message, String device, String operation) {
    StringBuilder sb = new StringBuilder(message == null ? "" : message);
    if (device != null || operation != null) {
      sb.append(" [");
      if (operation != null) {
        sb.append(operation);
      }
      if (device != null) {
        sb.append(operation != null ? " on " : "").append(device);
      }
      sb.append(']');
    }
    return sb.toString();
  }

  /**
   * The device the failure concerns, as {@code scheme://host:port}.
   *
   * @return the device, if known
   */
  public Optional<String> device() {
    return Optional.ofNullable(device);
  }

  /**
   * The operation that failed, such as {@code changePassword}.
   *
   * @return the operation, if known
   */
  public Optional<String> operation() {
    return Optional.ofNullable(operation);
  }

  /**
   * Whether repeating the same call later may succeed without changing anything. Authentication
   * failures and policy violations are never retryable.
   *
   * @return true if a retry may help
   */
  public boolean isRetryable() {
    return false;
  }

  /**
   * Whether the device may have counted the failed call as a failed login: whether credentials (a
   * password, or a login proof derived from one) may have reached it without the device answering a
   * verdict on them. True unless the transport or driver knows better: no byte of a credentialed
   * request was written (the connection could not be opened, or only an uncredentialed challenge
   * round was lost), or the device answered without judging the credentials (busy, connection limit
   * reached). Callers that cap logins against a lockout threshold (the rotation engine) count every
   * failure for which this is true.
   *
   * @return false only when the device cannot have counted a failed login; true by default
   */
  public boolean credentialsPossiblySent() {
    return true;
  }
}
