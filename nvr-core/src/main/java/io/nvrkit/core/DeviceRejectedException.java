package io.nvrkit.core;

import java.util.Optional;

/**
 * The device understood the request and refused it, with its own code: an HTTP 400/501, a CGI
 * {@code Error} body, an RPC error code, or a SOAP fault subcode such as {@code
 * ter:PasswordTooWeak}.
 *
 * <p>{@link #vendorCode()} keeps the device's code verbatim (never its free-text reason, which may
 * echo input).
 */
public class DeviceRejectedException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** The device's own code, or null. */
  private final String vendorCode;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param vendorCode the device's own code, or null
   * @param cause the underlying exception, or null
   */
  public DeviceRejectedException(
      String message, String device, String operation, String vendorCode, Throwable cause) {
    super(message, device, operation, cause);
    this.vendorCode = vendorCode;
  }

  /**
   * The device's own code for the refusal, such as {@code 268632085}, {@code 400} or {@code
   * ter:UsernameClash}.
   *
   * @return the code, if the device gave one
   */
  public Optional<String> vendorCode() {
    return Optional.ofNullable(vendorCode);
  }
}
