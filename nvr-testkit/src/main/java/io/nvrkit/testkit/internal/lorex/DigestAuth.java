package io.nvrkit.testkit.internal.lorex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP Digest (RFC 7616, MD5, {@code qop=auth}) as Dahua firmware does it: a fresh numeric nonce
 * and an opaque per challenge, and every nonce good for one request only (a reused nonce, even with
 * {@code nc=00000002}, gets a new 401). Quoted and unquoted {@code qop}, {@code nc} and {@code
 * algorithm} are both accepted; the {@code uri} must equal the request target including its query.
 * Thread-safe.
 */
final class DigestAuth {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_NONCES = 4096;
  private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

  private final Map<String, Issued> nonces = new LinkedHashMap<>();

  private record Issued(String opaque, Instant issued) {}

  /** A parsed {@code Authorization: Digest ...} header. */
  record Credentials(
      String username,
      String realm,
      String nonce,
      String uri,
      String response,
      String qop,
      String nc,
      String cnonce,
      String algorithm,
      String opaque) {}

  /**
   * Issues a challenge header value.
   *
   * @param realm the realm
   * @param now the device time
   * @return the {@code WWW-Authenticate} value
   */
  synchronized String challenge(String realm, Instant now) {
    String nonce = Integer.toString(100_000_000 + RANDOM.nextInt(900_000_000));
    byte[] op = new byte[20];
    RANDOM.nextBytes(op);
    String opaque = HexFormat.of().formatHex(op);
    while (nonces.size() >= MAX_NONCES) {
      Iterator<String> it = nonces.keySet().iterator();
      it.next();
      it.remove();
    }
    nonces.put(nonce, new Issued(opaque, now));
    return "Digest realm=\""
        + realm
        + "\",qop=\"auth\",nonce=\""
        + nonce
        + "\",opaque=\""
        + opaque
        + "\"";
  }

  /**
   * Takes a nonce out of circulation.
   *
   * @param c the credentials naming it
   * @param now the device time
   * @return true if it had been issued, was unused, unexpired, and the opaque matches
   */
  synchronized boolean consume(Credentials c, Instant now) {
    Issued i = nonces.remove(c.nonce());
    if (i == null) {
      return false;
    }
    if (now.isAfter(i.issued().plus(NONCE_LIFETIME))) {
      return false;
    }
    return c.opaque() == null || c.opaque().equals(i.opaque());
  }

  /** Forgets every nonce. */
  synchronized void clear() {
    nonces.clear();
  }

  /**
   * Parses a Digest authorization header.
   *
   * @param header the header value
   * @return the credentials, or null if it is not a usable Digest header
   */
  static Credentials parse(String header) {
    if (header == null || header.length() < 7) {
      return null;
    }
    if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
      return null;
    }
    Map<String, String> p = new LinkedHashMap<>();
    String s = header.substring(7);
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',' || s.charAt(i) == '\t')) {
        i++;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      String value;
      if (i < n && s.charAt(i) == '"') {
        StringBuilder v = new StringBuilder();
        i++;
        while (i < n && s.charAt(i) != '"') {
          char ch = s.charAt(i);
          if (ch == '\\' && i + 1 < n) {
            i++;
            ch = s.charAt(i);
          }
          v.append(ch);
          i++;
        }
        i++;
        value = v.toString();
      } else {
        int end = s.indexOf(',', i);
        if (end < 0) {
          end = n;
        }
        value = s.substring(i, end).trim();
        i = end;
      }
      p.putIfAbsent(key, value);
    }
    if (p.get("username") == null
        || p.get("nonce") == null
        || p.get("uri") == null
        || p.get("response") == null) {
      return null;
    }
    return new Credentials(
        p.get("username"),
        p.get("realm"),
        p.get("nonce"),
        p.get("uri"),
        p.get("response"),
        p.get("qop"),
        p.get("nc"),
        p.get("cnonce"),
        p.get("algorithm"),
        p.get("opaque"));
  }

  /**
   * Whether {@code c} proves knowledge of {@code password} for a request with {@code method}.
   *
   * @param c the credentials
   * @param method the request method
   * @param realm the device's realm
   * @param password the candidate password (not kept)
   * @return true if the response matches
   */
  static boolean matches(Credentials c, String method, String realm, char[] password) {
    if (c.algorithm() != null && !c.algorithm().equalsIgnoreCase("MD5")) {
      return false;
    }
    if (!realm.equals(c.realm())) {
      return false;
    }
    String ha1 = md5Hex(c.username() + ":" + realm + ":", password, "");
    String ha2 = md5Hex(method + ":" + c.uri());
    String expected;
    if (c.qop() == null) {
      expected = md5Hex(ha1 + ":" + c.nonce() + ":" + ha2);
    } else if (c.qop().equalsIgnoreCase("auth") && c.nc() != null && c.cnonce() != null) {
      expected =
          md5Hex(
              ha1 + ":" + c.nonce() + ":" + c.nc() + ":" + c.cnonce() + ":" + c.qop() + ":" + ha2);
    } else {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        c.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  static String md5Hex(String s) {
    return HexFormat.of().formatHex(md5().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** MD5 of prefix + password + suffix, UTF-8, lower-case hex; the password bytes are wiped. */
  static String md5Hex(String prefix, char[] password, String suffix) {
    MessageDigest md = md5();
    md.update(prefix.getBytes(StandardCharsets.UTF_8));
    byte[] pw = utf8(password);
    md.update(pw);
    java.util.Arrays.fill(pw, (byte) 0);
    md.update(suffix.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }

  static byte[] utf8(char[] c) {
    java.nio.ByteBuffer bb = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(c));
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    if (bb.hasArray()) {
      java.util.Arrays.fill(bb.array(), (byte) 0);
    }
    return out;
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
