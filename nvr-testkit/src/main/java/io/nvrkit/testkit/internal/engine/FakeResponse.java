package io.nvrkit.testkit.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP response a {@link Personality} produces; the engine writes it (or applies a fault to
 * it).
 *
 * @param status the status code
 * @param reason the reason phrase
 * @param headers headers in order (Content-Length is added by the engine)
 * @param body the body (never null)
 */
public record FakeResponse(
    int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {

  /**
   * A response with a text body.
   *
   * @param status status
   * @param reason reason phrase
   * @param contentType content type
   * @param body text, UTF-8
   * @return the response
   */
  public static FakeResponse text(int status, String reason, String contentType, String body) {
    List<Map.Entry<String, String>> h = new ArrayList<>();
    h.add(Map.entry("Content-Type", contentType));
    return new FakeResponse(status, reason, h, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The same response with one more header.
   *
   * @param name header name
   * @param value header value
   * @return a new response
   */
  public FakeResponse withHeader(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(headers);
    h.add(Map.entry(name, value));
    return new FakeResponse(status, reason, h, body);
  }
}
