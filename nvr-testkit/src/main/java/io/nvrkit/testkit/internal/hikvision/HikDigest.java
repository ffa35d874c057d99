package io.nvrkit.testkit.internal.hikvision;

import io.nvrkit.testkit.FakeClock;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * HTTP Digest (RFC 2617, MD5, {@code qop="auth"} or none) as Hikvision firmware does it: the
 * challenge {@code realm, domain="::", qop="auth", nonce="<32hex>:<epoch ms>", opaque="",
 * algorithm="MD5", stale="FALSE"}; a nonce stays valid for {@link #LIFETIME} on the device clock
 * and may be reused with a rising {@code nc} (or, with single-use nonces, once).
 *
 * <p>Thread-safe.
 */
final class HikDigest {
  /** How long a nonce is accepted (not researched; ten minutes of device time). */
  static final Duration LIFETIME = Duration.ofMinutes(10);

  private static final int MAX_NONCES = 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How a Digest {@code Authorization} header came out. */
  enum Outcome {
    /** The response matches the user's password. */
    OK,
    /** A well-formed response for a known, fresh nonce that does not match: an illegal login. */
    WRONG,
    /**
     * The nonce is unknown, expired, already used or replayed: a new challenge, nothing counted.
     */
    STALE,
    /** Not a usable Digest header (missing fields, wrong realm or uri): a new challenge. */
    MALFORMED
  }

  /**
   * The result of a check.
   *
   * @param outcome what it came to
   * @param user the user name the client gave (may be empty)
   */
  record Result(Outcome outcome, String user) {}

  private static final class NonceState {
    final Instant issued;
    long lastNc;
    boolean used;

    NonceState(Instant issued) {
      this.issued = issued;
    }
  }

  private final String realm;
  private final FakeClock clock;
  private final boolean singleUse;
  private final Map<String, NonceState> nonces = new LinkedHashMap<>();

  HikDigest(String realm, FakeClock clock, boolean singleUse) {
    this.realm = realm;
    this.clock = clock;
    this.singleUse = singleUse;
  }

  String realm() {
    return realm;
  }

  /** A fresh {@code WWW-Authenticate} value. */
  synchronized String challenge(boolean stale) {
    byte[] r = new byte[16];
    RANDOM.nextBytes(r);
    Instant now = clock.now();
    String nonce = HexFormat.of().formatHex(r) + ":" + now.toEpochMilli();
    nonces.put(nonce, new NonceState(now));
    if (nonces.size() > MAX_NONCES) {
      Iterator<String> it = nonces.keySet().iterator();
      it.next();
      it.remove();
    }
    return "Digest realm=\""
        + realm
        + "\", domain=\"::\", qop=\"auth\", nonce=\""
        + nonce
        + "\", opaque=\"\", algorithm=\"MD5\", stale=\""
        + (stale ? "TRUE" : "FALSE")
        + "\"";
  }

  /** Forgets every nonce. */
  synchronized void reset() {
    nonces.clear();
  }

  /**
   * Checks a Digest header.
   *
   * @param header the value after {@code Digest }
   * @param method the request method
   * @param target the request target as sent
   * @param accepts looks up the user and tests its candidate passwords: {@code (user, test) ->
   *     matched}
   * @return the result
   */
  Result check(
      String header,
      String method,
      String target,
      java.util.function.BiPredicate<String, Predicate<char[]>> accepts) {
    Map<String, String> p = params(header);
    String user = p.getOrDefault("username", "");
    String nonce = p.get("nonce");
    String uri = p.get("uri");
    String response = p.get("response");
    String qop = p.get("qop");
    String nc = p.get("nc");
    String cnonce = p.get("cnonce");
    String alg = p.getOrDefault("algorithm", "MD5");
    if (user.isEmpty()
        || nonce == null
        || uri == null
        || response == null
        || !realm.equals(p.get("realm"))
        || !alg.equalsIgnoreCase("MD5")
        || !(uri.equals(target) || uri.equals(pathOf(target)))) {
      return new Result(Outcome.MALFORMED, user);
    }
    if (qop != null && (!qop.equalsIgnoreCase("auth") || nc == null || cnonce == null)) {
      return new Result(Outcome.MALFORMED, user);
    }
    long ncValue = 0;
    if (qop != null) {
      try {
        ncValue = Long.parseLong(nc, 16);
      } catch (NumberFormatException e) {
        return new Result(Outcome.MALFORMED, user);
      }
    }
    synchronized (this) {
      NonceState s = nonces.get(nonce);
      if (s == null || clock.now().isAfter(s.issued.plus(LIFETIME))) {
        return new Result(Outcome.STALE, user);
      }
      if ((singleUse && s.used) || (qop != null && ncValue <= s.lastNc)) {
        return new Result(Outcome.STALE, user);
      }
    }
    String ha2 = md5(method + ":" + uri);
    String tail =
        qop == null
            ? ":" + nonce + ":" + ha2
            : ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2;
    byte[] given = response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    boolean ok =
        accepts.test(
            user,
            pw -> {
              String ha1 = md5(user + ":" + realm + ":", pw);
              byte[] expected = md5(ha1 + tail).getBytes(StandardCharsets.US_ASCII);
              return MessageDigest.isEqual(expected, given);
            });
    synchronized (this) {
      NonceState s = nonces.get(nonce);
      if (s != null) {
        s.used = true;
        s.lastNc = Math.max(s.lastNc, ncValue);
      }
    }
    return new Result(ok ? Outcome.OK : Outcome.WRONG, user);
  }

  private static String pathOf(String target) {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The parameters of a Digest header (names lower-cased, quotes removed). */
  static Map<String, String> params(String s) {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    int n = Math.min(s.length(), 8192);
    while (i < n) {
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      String value;
      if (i < n && s.charAt(i) == '"') {
        StringBuilder v = new StringBuilder();
        i++;
        while (i < n && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          v.append(s.charAt(i++));
        }
        i++;
        value = v.toString();
      } else {
        int c = s.indexOf(',', i);
        int end = c < 0 ? n : c;
        value = s.substring(i, end).trim();
        i = end;
      }
      out.putIfAbsent(name, value);
    }
    return out;
  }

  static String md5(String s) {
    return md5(s, new char[0]);
  }

  /** MD5 hex of {@code prefix} followed by {@code chars}, UTF-8. */
  static String md5(String prefix, char[] chars) {
    try {
      MessageDigest d = MessageDigest.getInstance("MD5");
      d.update(prefix.getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
      byte[] raw = new byte[b.remaining()];
      b.get(raw);
      d.update(raw);
      Arrays.fill(raw, (byte) 0);
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
