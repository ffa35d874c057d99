package io.nvrkit.core.spi;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;

/**
 * The one HTTP transport every driver uses to talk to its device.
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
 * <p>Drivers obtain one from {@link DriverContext#openHttp(DeviceEndpoint, ConnectOptions,
 * DeviceHttp.Nonces)}: it is a cheap per-device view of the kit's one shared connection pool.
 *
 * <p>Thread-safe. One instance per device session; {@link #close()} ends the view (pooled
 * connections stay with the kit, which closes them when it is closed).
 */
public interface DeviceHttp extends AutoCloseable {

  /** How a device treats HTTP Digest nonces, which decides whether a cached nonce is reused. */
  enum Nonces {
    /**
     * The device accepts a nonce again with an incremented {@code nc} (RFC 7616): after the first
     * accepted login, requests carry credentials pre-emptively and cost one round trip.
     */
    REUSABLE,
    /**
     * The device uses every nonce only once (Dahua-family firmware): a cached nonce is never sent,
     * so every authenticated request costs exactly two round trips and no credentialed request is
     * ever refused (and possibly counted as a failed login) for a reused nonce.
     */
    SINGLE_USE
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
   * HTTP exchanges this view has sent so far (each challenge round counts, also one that then
   * failed). Drivers use it to fill the round-trip counts of their results.
   *
   * @return the count
   */
  long roundTrips();

  /** Ends this view; further calls fail. Idempotent. */
  @Override
  void close();
}
