package io.nvrkit.testkit.internal.onvif;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Digest (RFC 7616, {@code qop=auth}; MD5 and SHA-256) as an ONVIF device does it: one {@code
 * WWW-Authenticate} header per enabled algorithm, a stateless server nonce (time stamp + HMAC, so
 * forged or foreign nonces are refused), an {@code opaque}, {@code stale=true} when a nonce has
 * expired, and a replay cache of (nonce, nc, cnonce).
 */
final class HttpDigest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OnvifSettings settings;
  private final byte[] key = new byte[32];
  private final String opaque;
  private final NonceCache seen;

  /**
   * Result of {@link #verify}: for {@link Outcome#READY}, {@code proof} tells whether a stored
   * password matches the client's response, and {@code replayKey} is to be marked used with {@link
   * #markUsed} once the login succeeded.
   */
  record Result(Outcome outcome, String username, Predicate<char[]> proof, String replayKey) {
    static Result of(Outcome o, String user) {
      return new Result(o, user, pw -> false, null);
    }
  }

  /** What the verification found. */
  enum Outcome {
    /** well-formed, fresh, ours: check the password with {@link Result#proof()} */
    READY,
    /** header malformed, foreign nonce, wrong uri/realm/algorithm: answer 401 */
    INVALID,
    /** nonce expired: 401 with stale=true */
    STALE
  }

  HttpDigest(OnvifSettings settings) {
    this.settings = settings;
    RANDOM.nextBytes(key);
    byte[] o = new byte[16];
    RANDOM.nextBytes(o);
    this.opaque = HexFormat.of().formatHex(o);
    this.seen = new NonceCache(settings.digestNonceLifetime().multipliedBy(2));
  }

  /** The WWW-Authenticate header values, one per algorithm. */
  List<String> challenges(Instant now, boolean stale) {
    String nonce = newNonce(now);
    List<String> out = new ArrayList<>();
    for (String alg : settings.digestAlgorithms()) {
      out.add(
          "Digest realm=\""
              + settings.realm()
              + "\", qop=\"auth\", algorithm="
              + alg
              + ", nonce=\""
              + nonce
              + "\", opaque=\""
              + opaque
              + "\""
              + (stale ? ", stale=true" : ""));
    }
    return out;
  }

  private String newNonce(Instant now) {
    ByteBuffer b = ByteBuffer.allocate(8 + 8);
    b.putLong(now.toEpochMilli());
    byte[] r = new byte[8];
    RANDOM.nextBytes(r);
    b.put(r);
    byte[] body = b.array();
    byte[] mac = hmac(body);
    byte[] all = Arrays.copyOf(body, body.length + 16);
    System.arraycopy(mac, 0, all, body.length, 16);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  private byte[] hmac(byte[] data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks an {@code Authorization: Digest ...} header as far as possible without a password.
   *
   * @param header the header value
   * @param method the request method
   * @param rawTarget the request target as sent
   * @param now device time
   */
  Result verify(String header, String method, String rawTarget, Instant now) {
    Map<String, String> p = parse(header);
    if (p == null) {
      return Result.of(Outcome.INVALID, null);
    }
    String user = p.get("username");
    String nonce = p.get("nonce");
    String uri = p.get("uri");
    String response = p.get("response");
    String alg = p.getOrDefault("algorithm", "MD5");
    if (user == null || nonce == null || uri == null || response == null) {
      return Result.of(Outcome.INVALID, user);
    }
    if (!settings.realm().equals(p.get("realm"))
        || !settings.digestAlgorithms().contains(alg)
        || !uri.equals(rawTarget)
        || (p.containsKey("opaque") && !opaque.equals(p.get("opaque")))) {
      return Result.of(Outcome.INVALID, user);
    }
    Instant issued = nonceTime(nonce);
    if (issued == null) {
      return Result.of(Outcome.INVALID, user);
    }
    long age = Math.abs(now.toEpochMilli() - issued.toEpochMilli());
    if (age > settings.digestNonceLifetime().toMillis()) {
      return Result.of(Outcome.STALE, user);
    }
    String qop = p.get("qop");
    String nc = p.get("nc");
    String cnonce = p.get("cnonce");
    if (qop != null && (!qop.equals("auth") || nc == null || cnonce == null)) {
      return Result.of(Outcome.INVALID, user);
    }
    byte[] given = response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    String ha2 = hex(alg, method + ":" + uri, null);
    Predicate<char[]> proof =
        pw -> {
          String ha1 = hex(alg, user + ":" + settings.realm() + ":", pw);
          String expected =
              qop == null
                  ? hex(alg, ha1 + ":" + nonce + ":" + ha2, null)
                  : hex(
                      alg,
                      ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2,
                      null);
          return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given);
        };
    return new Result(Outcome.READY, user, proof, nonce + "|" + nc + "|" + cnonce);
  }

  /**
   * Records a (nonce, nc, cnonce) after a successful login.
   *
   * @return false if it was used before (a replay)
   */
  boolean markUsed(String replayKey, Instant now) {
    return seen.markUsed(replayKey, now);
  }

  private Instant nonceTime(String nonce) {
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (all.length != 32) {
      return null;
    }
    byte[] body = Arrays.copyOf(all, 16);
    byte[] mac = Arrays.copyOf(hmac(body), 16);
    if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(all, 16, 32))) {
      return null;
    }
    return Instant.ofEpochMilli(ByteBuffer.wrap(body).getLong());
  }

  static String hex(String alg, String prefix, char[] secret) {
    try {
      MessageDigest md = MessageDigest.getInstance(alg.equals("SHA-256") ? "SHA-256" : "MD5");
      md.update(prefix.getBytes(StandardCharsets.UTF_8));
      if (secret != null) {
        byte[] s = UsernameToken.utf8(secret);
        md.update(s);
        Arrays.fill(s, (byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@code Digest k=v, k="v", ...}; null if it is not a Digest header or is malformed. */
  static Map<String, String> parse(String header) {
    if (header == null || header.length() > 4096) {
      return null;
    }
    String h = header.strip();
    if (h.length() < 7 || !h.substring(0, 7).equalsIgnoreCase("Digest ")) {
      return null;
    }
    Map<String, String> out = new HashMap<>();
    int i = 7;
    int n = h.length();
    while (i < n) {
      while (i < n && (h.charAt(i) == ' ' || h.charAt(i) == ',' || h.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String name = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      String value;
      if (i < n && h.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n && h.charAt(i) != '"') {
          if (h.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          sb.append(h.charAt(i++));
        }
        if (i >= n) {
          return null;
        }
        i++;
        value = sb.toString();
      } else {
        int end = h.indexOf(',', i);
        if (end < 0) {
          end = n;
        }
        value = h.substring(i, end).strip();
        i = end;
      }
      out.put(name, value);
    }
    return out;
  }
}
