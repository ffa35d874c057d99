package io.nvrkit.testkit.internal.lorex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query decoding the way Dahua firmware does it: the <em>whole</em> raw query is percent-decoded
 * first ({@code +} becomes a space), and only then split on {@code &} and on the first {@code =} of
 * each piece. So {@code &} can never be inside a value, not even as {@code %26}; a raw {@code #}
 * ends the query (browsers and most clients never send it: it starts the fragment); a {@code %} not
 * followed by two hex digits makes the request malformed; and a parameter with an empty value is
 * treated as absent. A client that forgets to percent-encode a password therefore sees it arrive
 * changed or truncated, as on a real recorder (research note dahua-lorex.md §3.5, verified on an
 * Amcrest NV4116-HS).
 *
 * <p>Choice where the note is silent: when a name repeats, the first occurrence wins.
 */
final class FirmwareQuery {
  private FirmwareQuery() {}

  /** A query that cannot be decoded. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Decodes a raw query.
   *
   * @param rawQuery the query after {@code ?}, undecoded
   * @return parameters in order; empty values left out
   * @throws Malformed on a bad percent escape
   */
  static Map<String, String> parse(String rawQuery) throws Malformed {
    String q = rawQuery;
    int hash = q.indexOf('#');
    if (hash >= 0) {
      q = q.substring(0, hash);
    }
    String decoded = percentDecode(q);
    Map<String, String> out = new LinkedHashMap<>();
    for (String piece : decoded.split("&", -1)) {
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      String name = eq < 0 ? piece : piece.substring(0, eq);
      String value = eq < 0 ? "" : piece.substring(eq + 1);
      if (value.isEmpty()) {
        continue;
      }
      out.putIfAbsent(name, value);
    }
    return out;
  }

  private static String percentDecode(String s) throws Malformed {
    ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new Malformed("truncated percent escape");
        }
        int hi = hex(s.charAt(i + 1));
        int lo = hex(s.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          throw new Malformed("bad percent escape");
        }
        b.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+') {
        b.write(' ');
      } else if (c < 0x100) {
        // the engine reads the request line as ISO-8859-1: one char per byte received
        b.write(c);
      } else {
        byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        b.write(u, 0, u.length);
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
