package io.nvrkit.core.internal.http;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;

/**
 * The one HTTP transport every adapter uses, on Apache HttpClient 5.
 *
 * <p>Behaviour: connect, response and total timeouts from {@link ConnectOptions}; connection
 * pooling; no automatic retries and no redirects (a password change is never replayed behind the
 * caller's back); HTTP Digest (MD5, SHA-256, qop=auth, unquoted tokens tolerated, full request URI
 * with query, nonce reuse with an incrementing nc, a fresh challenge answered in one extra round
 * trip); Basic only when both the request and the options allow it; a response size limit that
 * aborts the exchange without draining the body ({@link io.nvrkit.core.ProtocolException}); TLS per
 * {@link io.nvrkit.core.TlsTrust}; request lines logged at DEBUG with secret parameters redacted; a
 * new password never sent over plain HTTP to a non-loopback address unless the endpoint allows it
 * (then a WARN); a round-trip counter.
 *
 * <p>Failures map to {@link io.nvrkit.core.DeviceUnreachableException} (connect, timeouts, resets),
 * {@link io.nvrkit.core.TlsTrustException} (certificate), {@link io.nvrkit.core.ProtocolException}
 * (oversized or malformed HTTP). HTTP error statuses, including a 401 that remains after the digest
 * challenge was answered, are returned, not thrown: the adapter interprets them.
 *
 * <p>Thread-safe. One instance per device session; {@link #close()} releases its connections.
 */
public interface DeviceHttp extends AutoCloseable {

  /**
   * Creates the transport for one device.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @return the transport
   */
  static DeviceHttp create(DeviceEndpoint endpoint, ConnectOptions options) {
    return new HttpClientTransport(endpoint, options);
  }

  /**
   * Creates the transport for a device known to use every Digest nonce only once (Dahua-family
   * firmware, research note §3.1): it never sends a cached nonce pre-emptively, so every
   * authenticated request costs exactly two round trips and no credentialed request is ever refused
   * (and possibly counted as a failed login) for a reused nonce.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @return the transport
   */
  static DeviceHttp createSingleUseNonces(DeviceEndpoint endpoint, ConnectOptions options) {
    HttpClientTransport t = new HttpClientTransport(endpoint, options);
    t.singleUseNonces();
    return t;
  }

  /**
   * Performs one exchange (two round trips when a digest challenge must be answered first).
   *
   * @param request the request
   * @return the response
   */
  DeviceHttpResponse execute(DeviceHttpRequest request);

  /**
   * The device this transport talks to.
   *
   * @return the endpoint
   */
  DeviceEndpoint endpoint();

  /**
   * HTTP exchanges sent so far (each challenge round counts).
   *
   * @return the count
   */
  long roundTrips();

  /** Releases connections. */
  @Override
  void close();
}
