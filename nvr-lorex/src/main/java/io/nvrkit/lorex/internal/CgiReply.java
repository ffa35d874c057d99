package io.nvrkit.lorex.internal;

import io.nvrkit.core.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a Dahua CGI reply: UTF-8 text, one {@code key=value} per line, each line ending in CRLF
 * (LF alone tolerated), split on the first {@code =} only (values may contain {@code =}).
 *
 * <p>Anything else (invalid UTF-8, a line without {@code =}, an empty key, a key repeated with a
 * different value, NUL bytes, more than {@value #MAX_LINES} lines) is a {@link ProtocolException}
 * whose message never quotes the body. Stateless and thread-safe.
 */
public final class CgiReply {
  /** Upper bound on lines in one reply. */
  public static final int MAX_LINES = 20_000;

  private CgiReply() {}

  /**
   * Decodes the body strictly as UTF-8.
   *
   * @param body the bytes
   * @param device for the exception
   * @param op for the exception
   * @return the text
   * @throws ProtocolException if the bytes are not UTF-8 or contain NUL
   */
  public static String text(byte[] body, String device, String op) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
      if (s.indexOf('\0') >= 0) {
        throw new ProtocolException("device reply contains NUL bytes", device, op, null);
      }
      return s;
    } catch (CharacterCodingException e) {
      throw new ProtocolException("device reply is not valid UTF-8", device, op, e);
    }
  }

  /**
   * Parses {@code key=value} lines.
   *
   * @param body the bytes
   * @param device for the exception
   * @param op for the exception
   * @return the pairs in order
   * @throws ProtocolException if the body is not a well-formed key=value reply
   */
  public static Map<String, String> parse(byte[] body, String device, String op) {
    String s = text(body, device, op);
    Map<String, String> out = new LinkedHashMap<>();
    int lines = 0;
    int i = 0;
    while (i < s.length()) {
      int nl = s.indexOf('\n', i);
      int end = nl < 0 ? s.length() : nl;
      String line = s.substring(i, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      i = nl < 0 ? s.length() : nl + 1;
      if (line.isBlank()) {
        continue;
      }
      if (++lines > MAX_LINES) {
        throw new ProtocolException("device reply has too many lines", device, op, null);
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ProtocolException(
            "device reply line " + lines + " is not key=value", device, op, null);
      }
      String key = line.substring(0, eq).trim();
      if (key.isEmpty() || key.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new ProtocolException(
            "device reply line " + lines + " has a malformed key", device, op, null);
      }
      String value = line.substring(eq + 1);
      String prev = out.putIfAbsent(key, value);
      if (prev != null && !prev.equals(value)) {
        throw new ProtocolException(
            "device reply repeats key '" + safe(key) + "' with different values", device, op, null);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * A required value.
   *
   * @param kv the pairs
   * @param key the key
   * @param device for the exception
   * @param op for the exception
   * @return the trimmed value
   * @throws ProtocolException if missing or blank
   */
  public static String require(Map<String, String> kv, String key, String device, String op) {
    String v = kv.get(key);
    if (v == null || v.isBlank()) {
      throw new ProtocolException("device reply lacks '" + key + "'", device, op, null);
    }
    return v.trim();
  }

  /**
   * Whether a body is the bare {@code OK} of a set action.
   *
   * @param body the bytes
   * @return true for OK (any case, surrounding blanks allowed)
   */
  public static boolean isOk(byte[] body) {
    return new String(body, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT).equals("ok");
  }

  /**
   * A key shortened to printable ASCII for a message.
   *
   * @param key a key from the device
   * @return a safe rendering
   */
  static String safe(String key) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < key.length() && i < 64; i++) {
      char c = key.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }
}
