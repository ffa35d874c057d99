package io.nvrkit.core.internal.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header: a scheme and its parameters (names
 * lower-cased, values unquoted).
 *
 * <p>{@link #parse(List)} is tolerant, as devices are: quoted and unquoted values, comma with or
 * without a following space, several challenges in one header or one per header. It never throws;
 * what it cannot read it skips. Immutable.
 *
 * @param scheme the scheme as sent, e.g. {@code Digest}
 * @param params parameters by lower-case name (first occurrence wins)
 */
record AuthChallenge(String scheme, Map<String, String> params) {

  AuthChallenge {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Whether the scheme is {@code name} (case-insensitive).
   *
   * @param name a scheme name
   * @return true if it matches
   */
  boolean is(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  /**
   * A parameter value.
   *
   * @param name lower-case name
   * @return the value or null
   */
  String param(String name) {
    return params.get(name);
  }

  /**
   * Parses every challenge in the given header values.
   *
   * @param headerValues the values of all {@code WWW-Authenticate} headers, in order
   * @return the challenges, in order
   */
  static List<AuthChallenge> parse(List<String> headerValues) {
    List<AuthChallenge> out = new ArrayList<>();
    for (String v : headerValues) {
      if (v != null) {
        parseOne(v, out);
      }
    }
    return out;
  }

  private static void parseOne(String s, List<AuthChallenge> out) {
    int n = s.length();
    int pos = 0;
    String scheme = null;
    Map<String, String> params = null;
    while (pos < n) {
      // skip separators
      while (pos < n && (s.charAt(pos) == ',' || isSpace(s.charAt(pos)))) {
        pos++;
      }
      if (pos >= n) {
        break;
      }
      int start = pos;
      while (pos < n && !isSpace(s.charAt(pos)) && s.charAt(pos) != ',' && s.charAt(pos) != '=') {
        pos++;
      }
      String token = s.substring(start, pos);
      int afterToken = pos;
      while (pos < n && isSpace(s.charAt(pos))) {
        pos++;
      }
      if (pos < n && s.charAt(pos) == '=' && !token.isEmpty()) {
        pos++;
        while (pos < n && isSpace(s.charAt(pos))) {
          pos++;
        }
        String value;
        if (pos < n && s.charAt(pos) == '"') {
          StringBuilder sb = new StringBuilder();
          pos++;
          while (pos < n && s.charAt(pos) != '"') {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < n) {
              pos++;
              c = s.charAt(pos);
            }
            sb.append(c);
            pos++;
          }
          pos++; // closing quote (or past the end if unterminated)
          value = sb.toString();
        } else {
          int vs = pos;
          while (pos < n && s.charAt(pos) != ',' && !isSpace(s.charAt(pos))) {
            pos++;
          }
          value = s.substring(vs, pos);
        }
        if (params != null) {
          params.putIfAbsent(token.toLowerCase(Locale.ROOT), value);
        }
      } else if (!token.isEmpty()) {
        if (scheme != null) {
          out.add(new AuthChallenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
        pos = afterToken;
      } else {
        pos++; // a stray '=': skip it
      }
    }
    if (scheme != null) {
      out.add(new AuthChallenge(scheme, params));
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
