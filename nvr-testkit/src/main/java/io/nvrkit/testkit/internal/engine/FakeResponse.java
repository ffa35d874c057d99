package io.nvrkit.testkit.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP response a {@link Personality} produces; the engine writes it (or applies a fault to
 * it).
 *
 * <p>A response with {@link #isReset()} true (status 0, see {@link #reset()}) makes the engine
 * reset the connection (TCP RST) instead of writing anything.
 *
 * @param status the status code, or 0 for "reset the connection"
 * @param reason the reason phrase
 * @param headers headers in order (Content-Length is added by the engine; a header of that name in
 *     any case keeps its spelling and gets the right value)
 * @param body the body (never null)
 * @param user the user the request authenticated as, for the journal; empty if none
 */
public record FakeResponse(
    int status, String reason, List<Map.Entry<String, String>> headers, byte[] body, String user) {

  /**
   * A response not tied to an authenticated user.
   *
   * @param status the status code
   * @param reason the reason phrase
   * @param headers headers in order
   * @param body the body
   */
  public FakeResponse(
      int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
    this(status, reason, headers, body, "");
  }

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
   * The "answer" of a device that drops the connection: the engine resets it.
   *
   * @return a reset marker
   */
  public static FakeResponse reset() {
    return new FakeResponse(0, "", List.of(), new byte[0]);
  }

  /**
   * Whether this response asks the engine to reset the connection.
   *
   * @return true for {@link #reset()}
   */
  public boolean isReset() {
    return status == 0;
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
    return new FakeResponse(status, reason, h, body, user);
  }

  /**
   * The same response, noting the authenticated user for the journal.
   *
   * @param name the user name
   * @return a new response
   */
  public FakeResponse withUser(String name) {
    return new FakeResponse(status, reason, headers, body, name == null ? "" : name);
  }

  /**
   * The first value of a header, case-insensitive.
   *
   * @param name the header name
   * @return the value or null
   */
  public String header(String name) {
    for (Map.Entry<String, String> e : headers) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
