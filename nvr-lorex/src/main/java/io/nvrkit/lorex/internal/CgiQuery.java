package io.nvrkit.lorex.internal;

import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.core.policy.ViolationCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a Dahua CGI request line: {@code /cgi-bin/<script>?action=<action>&name=value...}.
 *
 * <p>Every value is percent-encoded as UTF-8 with only the RFC 3986 unreserved characters left
 * literal, so a space is {@code %20} (never {@code +}), and {@code + # % = / ' ,} survive the
 * firmware's decoding. The firmware percent-decodes the whole query <em>before</em> splitting on
 * {@code &} (research note §3.5), so a value containing {@code &} cannot be carried at all, not
 * even as {@code %26}: {@link #checkCarriable} refuses it before anything is sent. Parameter names
 * are literal (they may contain {@code [ ]}, which the firmware needs unencoded).
 *
 * <p>Not thread-safe; one instance per request.
 */
public final class CgiQuery {
  private static final String HEX = "0123456789ABCDEF";
  private final StringBuilder sb = new StringBuilder(96);
  private final Set<String> secretNames = new LinkedHashSet<>();

  private CgiQuery(String script, String action) {
    sb.append("/cgi-bin/").append(script).append("?action=").append(action);
  }

  /**
   * Starts a request line.
   *
   * @param script e.g. {@code magicBox.cgi}
   * @param action e.g. {@code getSerialNo}
   * @return the builder
   */
  public static CgiQuery of(String script, String action) {
    return new CgiQuery(script, action);
  }

  /**
   * Adds a parameter.
   *
   * @param name the literal name
   * @param value the value; encoded
   * @return this
   * @throws IllegalArgumentException if the value cannot be carried by the firmware
   */
  public CgiQuery param(String name, CharSequence value) {
    checkName(name);
    if (problem(value) != null) {
      throw new IllegalArgumentException(
          "value of '" + name + "' cannot be sent to a Dahua-family device: " + problem(value));
    }
    sb.append('&').append(name).append('=');
    encode(value, sb);
    return this;
  }

  /**
   * Adds a secret parameter (redacted from logs by the transport).
   *
   * @param name the literal name
   * @param value the secret
   * @return this
   * @throws IllegalArgumentException if the value cannot be carried (callers check first with
   *     {@link #checkCarriable})
   */
  public CgiQuery secret(String name, Secret value) {
    checkName(name);
    CharSequence v = value.view();
    if (problem(v) != null) {
      throw new IllegalArgumentException("a secret value cannot be sent to a Dahua-family device");
    }
    sb.append('&').append(name).append('=');
    encode(v, sb);
    secretNames.add(name);
    return this;
  }

  /**
   * The names of the secret parameters added so far.
   *
   * @return the names
   */
  public String[] secretNames() {
    return secretNames.toArray(new String[0]);
  }

  /**
   * The encoded path and query.
   *
   * @return the request target
   */
  public String build() {
    return sb.toString();
  }

  @Override
  public String toString() {
    return "CgiQuery[" + (sb.indexOf("&") < 0 ? sb : sb.substring(0, sb.indexOf("&"))) + "]";
  }

  private static void checkName(String name) {
    if (!name.matches("[A-Za-z0-9_.\\[\\]]+")) {
      throw new IllegalArgumentException("bad CGI parameter name: " + name);
    }
  }

  /**
   * Why a value cannot be carried in a CGI query, or null if it can. Values must be non-empty (the
   * firmware ignores an empty value yet answers OK), must not contain {@code &} (the firmware
   * splits after decoding), control characters, or unpaired surrogates.
   *
   * @param v the value
   * @return the reason, or null
   */
  public static String problem(CharSequence v) {
    if (v.length() == 0) {
      return "an empty value is ignored by the firmware";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '&') {
        return "'&' cannot be carried (the firmware splits the decoded query on '&')";
      }
      if (Character.isISOControl(c)) {
        return "control characters cannot be carried";
      }
      if (Character.isSurrogate(c)) {
        boolean pair =
            Character.isHighSurrogate(c)
                && i + 1 < v.length()
                && Character.isLowSurrogate(v.charAt(i + 1));
        if (!pair) {
          return "malformed UTF-16";
        }
        i++;
      }
    }
    return null;
  }

  /**
   * Refuses, before anything is sent, a password the CGI cannot carry.
   *
   * @param password the password
   * @param device for the exception
   * @param operation for the exception
   * @throws io.nvrkit.core.PolicyViolationException if it cannot be carried
   */
  public static void checkCarriable(Secret password, String device, String operation) {
    CharSequence v = password.view();
    String why = problem(v);
    if (why == null) {
      return;
    }
    List<PolicyViolation> vs = new ArrayList<>();
    ViolationCode code =
        v.length() == 0
            ? ViolationCode.TOO_SHORT
            : (containsAmp(v) ? ViolationCode.FORBIDDEN_CHARACTER : ViolationCode.NON_ASCII);
    vs.add(new PolicyViolation(code, "the device's CGI cannot carry this password: " + why));
    throw new io.nvrkit.core.PolicyViolationException(
        new PolicyReport("dahuaCgiTransport", vs, -1, List.of()), device, operation);
  }

  private static boolean containsAmp(CharSequence v) {
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) == '&') {
        return true;
      }
    }
    return false;
  }

  /**
   * Percent-encodes {@code v} (UTF-8, unreserved characters literal, space as {@code %20}).
   *
   * @param v the value
   * @param out where to append
   */
  public static void encode(CharSequence v, StringBuilder out) {
    CharsetEncoder enc =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes;
    try {
      bytes = enc.encode(CharBuffer.wrap(v));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("value is not valid UTF-16", e);
    }
    while (bytes.hasRemaining()) {
      int b = bytes.get() & 0xFF;
      if ((b >= 'A' && b <= 'Z')
          || (b >= 'a' && b <= 'z')
          || (b >= '0' && b <= '9')
          || b == '-'
          || b == '.'
          || b == '_'
          || b == '~') {
        out.append((char) b);
      } else {
        out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xF));
      }
    }
    if (bytes.hasArray()) {
      java.util.Arrays.fill(bytes.array(), (byte) 0);
    }
  }
}
