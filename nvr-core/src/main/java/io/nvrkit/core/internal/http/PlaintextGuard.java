package io.nvrkit.core.internal.http;

import io.nvrkit.core.DeviceEndpoint;

/**
 * Decides whether a request may travel over plain HTTP: a request that carries a new password is
 * refused to a non-loopback {@code http://} endpoint unless that endpoint explicitly allows
 * plaintext secrets (then it is sent with a WARN). Stateless.
 */
final class PlaintextGuard {

  /** The decision. */
  enum Decision {
    /** TLS, loopback, or no new secret in the request. */
    SEND,
    /** Plain HTTP to a non-loopback device, explicitly allowed: send and warn. */
    SEND_WITH_WARNING,
    /** Plain HTTP to a non-loopback device, not allowed: refuse before connecting. */
    REFUSE
  }

  private PlaintextGuard() {}

  /**
   * The decision for one request.
   *
   * @param endpoint the device
   * @param carriesNewSecret whether the request carries a new password
   * @return the decision
   */
  static Decision decide(DeviceEndpoint endpoint, boolean carriesNewSecret) {
    if (!carriesNewSecret || endpoint.isTls() || endpoint.isLoopback()) {
      return Decision.SEND;
    }
    return endpoint.allowPlaintextSecrets() ? Decision.SEND_WITH_WARNING : Decision.REFUSE;
  }
}
