package io.nvrkit.testkit.internal.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the fake's engine hands it to a {@link Personality}.
 *
 * @param method the request method
 * @param rawTarget the request target exactly as sent (path and raw, undecoded query)
 * @param headers header values by lower-case name, in order received
 * @param body the whole body (never null)
 * @param remote the client's address
 * @param tls whether the connection is HTTPS
 */
public record FakeRequest(
    String method,
    String rawTarget,
    Map<String, List<String>> headers,
    byte[] body,
    InetSocketAddress remote,
    boolean tls) {

  /**
   * The path part of the target (before {@code ?}), undecoded.
   *
   * @return the raw path
   */
  public String rawPath() {
    int q = rawTarget.indexOf('?');
    return q < 0 ? rawTarget : rawTarget.substring(0, q);
  }

  /**
   * The raw query (after {@code ?}), undecoded, or empty.
   *
   * @return the raw query
   */
  public String rawQuery() {
    int q = rawTarget.indexOf('?');
    return q < 0 ? "" : rawTarget.substring(q + 1);
  }

  /**
   * The first value of a header.
   *
   * @param name case-insensitive
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }
}
