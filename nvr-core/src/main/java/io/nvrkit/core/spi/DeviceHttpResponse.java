package io.nvrkit.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A device's answer: status, headers (names lower-cased) and the whole body, already bounded by the
 * size limit.
 *
 * @param status the HTTP status
 * @param headers header values by lower-case name, in order
 * @param body the body, never null
 */
public record DeviceHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

  /** Copies the components. */
  public DeviceHttpResponse {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /**
   * The first value of a header.
   *
   * @param name case-insensitive name
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * All values of a header.
   *
   * @param name case-insensitive name
   * @return the values, possibly empty
   */
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * The body decoded as UTF-8 (malformed bytes replaced).
   *
   * @return the text
   */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "DeviceHttpResponse[" + status + ", " + body.length + " bytes]";
  }
}
