package io.nvrkit.examples.driver;

import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Dahua CGI's text format: {@code key=value} lines in UTF-8 ending in CRLF, {@code OK} for a
 * set action, {@code Error…} bodies, and query values that must be percent-encoded (a space as
 * {@code %20}, never {@code +}). Every body is untrusted: a malformed one is a {@link
 * ProtocolException} whose message never quotes it. Stateless.
 */
final class CgiText {
  /** Most lines accepted in one answer. */
  static final int MAX_LINES = 10_000;

  private CgiText() {}

  /** Maps an answer that is not a usable 2xx (a 401 is handled by the caller). */
  static void check(DeviceHttpResponse r, String device, String operation) {
    int status = r.status();
    if (status >= 200 && status < 300) {
      if (text(r, device, operation).startsWith("Error")) {
        throw new DeviceRejectedException(
            "the device answered Error to " + operation, device, operation, "Error", null);
      }
      return;
    }
    if (status == 404 || status == 501) {
      throw new NotSupportedException(
          "the device does not implement " + operation, device, operation, null);
    }
    // tag::writing-a-driver-status[]
    if (status >= 400 && status < 600) {
      // the status, typed; no vendor code: the body holds no refusal of the device's own, so a
      // 5xx is an answer without a verdict on the password (the rotation engine retries it)
      throw new DeviceRejectedException(
          "the device answered HTTP " + status + " to " + operation,
          device,
          operation,
          null,
          status,
          null);
    }
    // end::writing-a-driver-status[]
    throw new ProtocolException("unexpected HTTP " + status, device, operation, null);
  }

  /** The body as strict UTF-8 without NUL bytes. */
  static String text(DeviceHttpResponse r, String device, String operation) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(r.body()))
              .toString();
      if (s.indexOf('\0') >= 0) {
        throw new ProtocolException("the answer contains NUL bytes", device, operation, null);
      }
      return s;
    } catch (CharacterCodingException e) {
      throw new ProtocolException("the answer is not UTF-8", device, operation, e);
    }
  }

  /** {@code key=value} lines, split on the first {@code =} (values may contain {@code =}). */
  static Map<String, String> parse(DeviceHttpResponse r, String device, String operation) {
    Map<String, String> out = new LinkedHashMap<>();
    int lines = 0;
    for (String line : text(r, device, operation).split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (++lines > MAX_LINES || eq <= 0) {
        throw new ProtocolException(
            "answer line " + lines + " is not key=value", device, operation, null);
      }
      out.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1));
    }
    return out;
  }

  /** Whether the answer is the bare {@code OK} of a set action. */
  static boolean isOk(DeviceHttpResponse r) {
    return r.text().strip().toLowerCase(Locale.ROOT).equals("ok");
  }

  /** A query value: percent-encoded UTF-8, a space as {@code %20}. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A secret query value. The firmware percent-decodes the whole query before it splits on {@code
   * &}, so a {@code &} can never be carried, even encoded; the policy forbids it, and this refuses
   * it again rather than send a truncated password.
   */
  static String encode(Secret secret) {
    if (secret.contains('&')) {
      throw new IllegalArgumentException("a password with '&' cannot be sent to a Dahua CGI");
    }
    char[] chars = secret.copyChars();
    try {
      return encode(CharBuffer.wrap(chars).toString());
    } finally {
      java.util.Arrays.fill(chars, '\0');
    }
  }
}
