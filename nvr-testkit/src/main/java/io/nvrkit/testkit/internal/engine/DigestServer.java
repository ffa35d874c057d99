package io.nvrkit.testkit.internal.engine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The testkit's one server side of HTTP Digest (RFC 7616, {@code qop=auth}, MD5 and SHA-256): the
 * {@code Authorization} header parser, the response check, and pluggable nonce policies. Each
 * personality writes its own challenge text (the wire format is part of the firmware it imitates)
 * and picks a {@link NoncePolicy}: {@link #singleUse} (Dahua: every nonce good for one request) or
 * {@link #signed} (ONVIF devices: stateless time-stamped nonces, {@code stale=true} on expiry, a
 * replay cache of {@code (nonce, nc, cnonce)}).
 *
 * <p>The parser is the strictest reading of RFC 7616 §3.4 and RFC 7235 §2.1: the scheme name is
 * case-insensitive; parameter names are case-insensitive; a value is a token or a quoted-string
 * whose backslash escapes the next character; a parameter sent twice, a missing {@code =}, an
 * unterminated quoted-string or a header over 4,096 characters makes the whole header malformed
 * (neither the first nor the last duplicate "wins"). A malformed header is answered like a missing
 * one: a 401 with a fresh challenge, never counted as a failed login. Thread-safe.
 */
public final class DigestServer {
  /** Longest {@code Authorization} header read. */
  public static final int MAX_HEADER = 4096;

  private static final SecureRandom RANDOM = new SecureRandom();

  private DigestServer() {}

  /**
   * A parsed {@code Authorization: Digest} header.
   *
   * @param username the user
   * @param realm the realm, or null
   * @param nonce the nonce
   * @param uri the digest-uri
   * @param response the response
   * @param qop the qop, or null
   * @param nc the nonce count, or null
   * @param cnonce the client nonce, or null
   * @param algorithm the algorithm, or null (MD5)
   * @param opaque the opaque, or null
   */
  public record Credentials(
      String username,
      String realm,
      String nonce,
      String uri,
      String response,
      String qop,
      String nc,
      String cnonce,
      String algorithm,
      String opaque) {

    /**
     * The algorithm, MD5 when absent.
     *
     * @return {@code MD5} or what the client named
     */
    public String algorithmOrMd5() {
      return algorithm == null ? "MD5" : algorithm;
    }

    /** Never shows the response. */
    @Override
    public String toString() {
      return "Digest[" + username + ", " + uri + "]";
    }
  }

  /**
   * Parses a Digest {@code Authorization} header value strictly (see the class comment).
   *
   * @param header the value, may be null
   * @return the credentials, or null if absent, not Digest, malformed, or missing {@code username},
   *     {@code nonce}, {@code uri} or {@code response}
   */
  public static Credentials parse(String header) {
    Map<String, String> p = params(header);
    if (p == null
        || p.get("username") == null
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
   * The auth-params of a Digest header, names lower-cased.
   *
   * @param header the value
   * @return the parameters, or null if absent, not Digest or malformed
   */
  static Map<String, String> params(String header) {
    if (header == null || header.length() > MAX_HEADER) {
      return null;
    }
    String h = header.strip();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Digest ", 0, 7)) {
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
      if (name.isEmpty()) {
        return null;
      }
      i = eq + 1;
      while (i < n && (h.charAt(i) == ' ' || h.charAt(i) == '\t')) {
        i++;
      }
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
          return null; // unterminated quoted-string
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
      if (out.put(name, value) != null) {
        return null; // RFC 7235 §2.1: each parameter name only once
      }
    }
    return out;
  }

  /**
   * Whether the credentials prove {@code password} for a request (the RFC 7616 response, with or
   * without {@code qop=auth}).
   *
   * @param c the credentials
   * @param method the request method
   * @param realm the device's realm
   * @param allowedAlgorithms the algorithms the device accepts ({@code MD5}, {@code SHA-256})
   * @param password the candidate (not kept)
   * @return true if the response matches
   */
  public static boolean proves(
      Credentials c, String method, String realm, List<String> allowedAlgorithms, char[] password) {
    String alg = c.algorithmOrMd5();
    boolean allowed = false;
    for (String a : allowedAlgorithms) {
      allowed |= a.equalsIgnoreCase(alg);
    }
    if (!allowed || !realm.equals(c.realm())) {
      return false;
    }
    String ha1 = hex(alg, c.username() + ":" + realm + ":", password);
    String ha2 = hex(alg, method + ":" + c.uri(), null);
    String expected;
    if (c.qop() == null) {
      expected = hex(alg, ha1 + ":" + c.nonce() + ":" + ha2, null);
    } else if (c.qop().equals("auth") && c.nc() != null && c.cnonce() != null) {
      expected =
          hex(alg, ha1 + ":" + c.nonce() + ":" + c.nc() + ":" + c.cnonce() + ":auth:" + ha2, null);
    } else {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        c.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The lower-case hex digest ({@code SHA-256} or MD5) of {@code prefix} followed by {@code
   * secret}, UTF-8; the secret's bytes are wiped.
   *
   * @param algorithm {@code SHA-256}, anything else is MD5
   * @param prefix the text before the secret
   * @param secret the secret, or null
   * @return the hex digest
   */
  public static String hex(String algorithm, String prefix, char[] secret) {
    try {
      MessageDigest md =
          MessageDigest.getInstance(algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5");
      md.update(prefix.getBytes(StandardCharsets.UTF_8));
      if (secret != null) {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] s = new byte[bb.remaining()];
        bb.get(s);
        if (bb.hasArray()) {
          Arrays.fill(bb.array(), (byte) 0);
        }
        md.update(s);
        Arrays.fill(s, (byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ nonce policies

  /** What a nonce policy says of the nonce a request carries. */
  public enum Freshness {
    /** Issued by us, unexpired (and, for single-use nonces, now consumed). */
    FRESH,
    /** Ours but expired: answer {@code stale=true} where the personality does. */
    STALE,
    /** Not ours, reused, or its opaque does not match. */
    INVALID
  }

  /**
   * A new nonce and its opaque.
   *
   * @param nonce the nonce
   * @param opaque the opaque
   */
  public record Nonce(String nonce, String opaque) {}

  /** How nonces are issued and checked. Implementations are thread-safe. */
  public interface NoncePolicy {
    /**
     * Issues a nonce for a challenge.
     *
     * @param now the device time
     * @return the nonce and opaque
     */
    Nonce issue(Instant now);

    /**
     * Checks (and, for single-use nonces, consumes) the nonce of a request.
     *
     * @param c the credentials
     * @param now the device time
     * @return the verdict
     */
    Freshness check(Credentials c, Instant now);

    /**
     * Records a successful login's {@code (nonce, nc, cnonce)}; false if it was seen before (a
     * replay). Default: true (single-use nonces cannot be replayed).
     *
     * @param c the credentials
     * @param now the device time
     * @return false for a replay
     */
    default boolean markUsed(Credentials c, Instant now) {
      return true;
    }

    /** Forgets every nonce (a reboot). Default: nothing. */
    default void clear() {}
  }

  /**
   * Dahua's policy: a fresh numeric nonce and a random opaque per challenge, each good for exactly
   * one request within {@code lifetime}; at most {@code capacity} outstanding.
   *
   * @param lifetime how long an unused nonce stays good
   * @param capacity the most outstanding nonces (the oldest are dropped)
   * @return the policy
   */
  public static NoncePolicy singleUse(Duration lifetime, int capacity) {
    return new SingleUse(lifetime, capacity);
  }

  /**
   * A stateless policy: the nonce is a time stamp signed with a per-device key (so forged or
   * foreign nonces are refused), good for {@code lifetime} and then {@link Freshness#STALE}; one
   * opaque per device; successful {@code (nonce, nc, cnonce)} triples are remembered for twice the
   * lifetime to refuse replays.
   *
   * @param lifetime how long a nonce stays good
   * @param seen the replay cache
   * @return the policy
   */
  public static NoncePolicy signed(Duration lifetime, ReplayCache seen) {
    return new Signed(lifetime, seen);
  }

  /** A cache of used keys; {@code markUsed} returns false for a key seen before. */
  public interface ReplayCache {
    /**
     * Marks a key used.
     *
     * @param key the key
     * @param now the time
     * @return false if it was used before
     */
    boolean markUsed(String key, Instant now);
  }

  private static final class SingleUse implements NoncePolicy {
    private final Duration lifetime;
    private final int capacity;
    private final Map<String, Nonce> issued = new LinkedHashMap<>();
    private final Map<String, Instant> when = new HashMap<>();

    SingleUse(Duration lifetime, int capacity) {
      this.lifetime = lifetime;
      this.capacity = capacity;
    }

    @Override
    public synchronized Nonce issue(Instant now) {
      String nonce = Integer.toString(100_000_000 + RANDOM.nextInt(900_000_000));
      byte[] op = new byte[20];
      RANDOM.nextBytes(op);
      Nonce n = new Nonce(nonce, HexFormat.of().formatHex(op));
      while (issued.size() >= capacity) {
        Iterator<String> it = issued.keySet().iterator();
        when.remove(it.next());
        it.remove();
      }
      issued.put(nonce, n);
      when.put(nonce, now);
      return n;
    }

    @Override
    public synchronized Freshness check(Credentials c, Instant now) {
      Nonce n = issued.remove(c.nonce());
      Instant at = when.remove(c.nonce());
      if (n == null || at == null || now.isAfter(at.plus(lifetime))) {
        return Freshness.INVALID;
      }
      return c.opaque() == null || c.opaque().equals(n.opaque())
          ? Freshness.FRESH
          : Freshness.INVALID;
    }

    @Override
    public synchronized void clear() {
      issued.clear();
      when.clear();
    }
  }

  private static final class Signed implements NoncePolicy {
    private final Duration lifetime;
    private final ReplayCache seen;
    private final byte[] key = new byte[32];
    private final String opaque;

    Signed(Duration lifetime, ReplayCache seen) {
      this.lifetime = lifetime;
      this.seen = seen;
      RANDOM.nextBytes(key);
      byte[] o = new byte[16];
      RANDOM.nextBytes(o);
      this.opaque = HexFormat.of().formatHex(o);
    }

    @Override
    public Nonce issue(Instant now) {
      ByteBuffer b = ByteBuffer.allocate(16);
      b.putLong(now.toEpochMilli());
      byte[] r = new byte[8];
      RANDOM.nextBytes(r);
      b.put(r);
      byte[] body = b.array();
      byte[] all = Arrays.copyOf(body, 32);
      System.arraycopy(hmac(body), 0, all, 16, 16);
      return new Nonce(Base64.getUrlEncoder().withoutPadding().encodeToString(all), opaque);
    }

    @Override
    public Freshness check(Credentials c, Instant now) {
      if (c.opaque() != null && !opaque.equals(c.opaque())) {
        return Freshness.INVALID;
      }
      byte[] all;
      try {
        all = Base64.getUrlDecoder().decode(c.nonce());
      } catch (IllegalArgumentException e) {
        return Freshness.INVALID;
      }
      if (all.length != 32) {
        return Freshness.INVALID;
      }
      byte[] body = Arrays.copyOf(all, 16);
      byte[] mac = Arrays.copyOf(hmac(body), 16);
      if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(all, 16, 32))) {
        return Freshness.INVALID;
      }
      long issued = ByteBuffer.wrap(body).getLong();
      return Math.abs(now.toEpochMilli() - issued) > lifetime.toMillis()
          ? Freshness.STALE
          : Freshness.FRESH;
    }

    @Override
    public boolean markUsed(Credentials c, Instant now) {
      return seen.markUsed(c.nonce() + "|" + c.nc() + "|" + c.cnonce(), now);
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
  }
}
