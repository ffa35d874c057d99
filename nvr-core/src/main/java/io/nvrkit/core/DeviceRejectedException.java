package io.nvrkit.core;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The device understood the request and refused it: with an HTTP error status such as 400, 403 or
 * 503, with its own code (a CGI {@code Error} body, an RPC error code, a SOAP fault subcode such as
 * {@code ter:PasswordTooWeak}), or both.
 *
 * <p>{@link #vendorCode()} keeps the device's code verbatim (never its free-text reason, which may
 * echo input); {@link #httpStatus()} is the HTTP status of the answer that refused. A 5xx status
 * with no code of the device's own is an answer without a verdict on the credentials: the rotation
 * engine retries it and does not count it as a failed login (see {@link #httpStatus()}).
 *
 * <p>Immutable, hence thread-safe.
 */
public class DeviceRejectedException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** No HTTP status: the refusal did not come as an HTTP error answer. */
  private static final int NONE = 0;

  /** The device's own code, or null. */
  private final String vendorCode;

  /** The HTTP status of the refusing answer, or {@link #NONE}. */
  private final int httpStatus;

  /**
   * Creates the exception for a refusal that did not come as an HTTP error answer (a 2xx whose body
   * refuses, a refusal over another protocol, or a check the driver made itself); {@link
   * #httpStatus()} is empty.
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
    this.httpStatus = NONE;
  }

  /**
   * Creates the exception for a refusal carried by an HTTP answer whose status was not a success.
   * Give {@code vendorCode} only when the body held a refusal of the device's own protocol (a SOAP
   * fault, a status document, an error code): a 5xx answer with no such code is taken as an answer
   * without a verdict on the credentials (see {@link #httpStatus()}).
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param vendorCode the device's own code, or null when the answer had only its status
   * @param httpStatus the answer's HTTP status, a three-digit number such as 400 or 503; a number
   *     outside 100–999 (a device's garbled status line) gives no {@link #httpStatus()}, so that
   *     building the exception from device data never fails
   * @param cause the underlying exception, or null
   */
  public DeviceRejectedException(
      String message,
      String device,
      String operation,
      String vendorCode,
      int httpStatus,
      Throwable cause) {
    super(message, device, operation, cause);
    this.vendorCode = vendorCode;
    this.httpStatus = httpStatus >= 100 && httpStatus <= 999 ? httpStatus : NONE;
  }

  /**
   * The device's own code for the refusal, such as {@code 268632085}, {@code ter:UsernameClash} or
   * {@code 6/badParameters}. The bundled drivers also give the HTTP status of a bare error answer
   * here ({@code 500}, {@code http:500}, {@code HTTP 500}); read {@link #httpStatus()} for the
   * status.
   *
   * @return the code, if the device gave one
   */
  public Optional<String> vendorCode() {
    return Optional.ofNullable(vendorCode);
  }

  /**
   * The HTTP status of the answer that carried the refusal, such as 400, 403, 500 or 503.
   *
   * <p>A 5xx status with no {@linkplain #vendorCode() code} of the device's own (none, or one that
   * only repeats the status, such as {@code 503}, {@code http:503} or {@code HTTP 503}) means the
   * device answered without judging the credentials (busy, failing, overloaded): the rotation
   * engine retries such a refusal within its budget and does not count a login refused this way as
   * a failed one. A 5xx answer that carries the device's own refusal (a SOAP fault, which the SOAP
   * 1.2 HTTP binding sends with 500; a status document) may be a verdict, and is counted.
   *
   * @return the status; empty when the refusal did not come as an HTTP error answer (a 2xx whose
   *     body refuses, or a check the driver made itself)
   */
  public OptionalInt httpStatus() {
    return httpStatus == NONE ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }
}
