package io.nvrkit.core;

/**
 * The device answered something the client cannot accept: a malformed, truncated or oversized body,
 * a missing field, a DOCTYPE in SOAP, or an answer that contradicts the protocol.
 */
public class ProtocolException extends NvrException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param cause the underlying exception, or null
   */
  public ProtocolException(String message, String device, String operation, Throwable cause) {
    super(message, device, operation, cause);
  }

  /**
   * Creates the exception with a message only.
   *
   * @param message what went wrong; must not contain a secret
   */
  public ProtocolException(String message) {
    this(message, null, null, null);
  }
}
