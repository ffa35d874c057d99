package io.nvrkit.testkit.internal.engine;

import java.net.URI;

/**
 * The protocol a fake device speaks (Lorex CGI/RPC2, ONVIF SOAP). The engine parses HTTP, applies
 * scripted faults and latency, and calls {@link #handle} for every request; the personality reads
 * and changes the device's state. Implementations must be thread-safe.
 */
public interface Personality {

  /**
   * A short name: {@code lorex} or {@code onvif}.
   *
   * @return the name
   */
  String name();

  /**
   * Answers one request.
   *
   * @param request the request
   * @return the response
   */
  FakeResponse handle(FakeRequest request);

  /**
   * The operation name a request maps to, used to script faults per operation (e.g. {@code
   * modifyPassword}, {@code SetUser}); {@code null} if unknown.
   *
   * @param request the request
   * @return the operation name
   */
  String operationOf(FakeRequest request);

  /**
   * Whether the request carries credentials the device checks (an {@code Authorization} header by
   * default; ONVIF also a WS-Security UsernameToken). Such a request also counts as {@link
   * io.nvrkit.testkit.DeviceOperation#LOGIN} for faults and the journal.
   *
   * @param request the request
   * @return true if it carries credentials
   */
  default boolean carriesCredentials(FakeRequest request) {
    return request.header("authorization").isPresent();
  }

  /**
   * What a real device of this personality answers when its connection limit is reached and valid
   * credentials arrive (real recorders answer 401).
   *
   * @param request the request
   * @return the response
   */
  FakeResponse connectionLimitResponse(FakeRequest request);

  /**
   * The answer to a request whose body is over the engine's limit; the body was not read, and the
   * connection closes after the answer. Default null: a plain-text 413.
   *
   * @param headOnly the request with an empty body
   * @return the response, or null for the default
   */
  default FakeResponse bodyTooLarge(FakeRequest headOnly) {
    return null;
  }

  /**
   * Called once the engine listens, with the URL clients use; a personality with side services (the
   * ONVIF WS-Discovery responder) starts them here. Default: nothing.
   *
   * @param baseUrl {@code http(s)://host:port}
   */
  default void started(URI baseUrl) {}

  /** Called when the fake closes; releases side services. Default: nothing. */
  default void stopped() {}
}
