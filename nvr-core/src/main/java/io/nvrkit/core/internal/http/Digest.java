package io.nvrkit.core.internal.http;

import io.nvrkit.core.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * HTTP Digest (RFC 7616, RFC 2617) computation: choosing a challenge and building the {@code
 * Authorization} header for one request.
 *
 * <p>Supported algorithms: MD5, MD5-sess, SHA-256, SHA-256-sess, SHA-512-256 and SHA-512-256-sess;
 * qop {@code auth} (preferred) and {@code auth-int}, or none (RFC 2069 legacy). When a device
 * offers several challenges the strongest algorithm wins (SHA-512-256, then SHA-256, then MD5; a
 * plain variant before its {@code -sess} variant). The header carries {@code qop}, {@code nc} and
 * {@code algorithm} unquoted (some Dahua-family firmware rejects them quoted) and the request URI
 * exactly as sent, query included. The password's UTF-8 bytes are hashed and wiped; no String of it
 * is made. Stateless and thread-safe.
 */
final class Digest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Digest() {}

  /** Algorithms we can compute, strongest first. */
  enum Algorithm {
    SHA_512_256("SHA-512-256", "SHA-512/256", false),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true),
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true);

    final String token;
    final String jca;
    final boolean sess;

    Algorithm(String token, String jca, boolean sess) {
      this.token = token;
      this.jca = jca;
      this.sess = sess;
    }

    static Algorithm of(String token) {
      if (token == null || token.isEmpty()) {
        return MD5; // RFC 2617: absent means MD5
      }
      for (Algorithm a : values()) {
        if (a.token.equalsIgnoreCase(token.trim())) {
          return a;
        }
      }
      return null;
    }

    MessageDigest newDigest() {
      try {
        return MessageDigest.getInstance(jca);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("JDK lacks " + jca, e);
      }
    }
  }

  /**
   * A Digest challenge we can answer.
   *
   * @param realm the realm
   * @param nonce the server nonce
   * @param opaque the opaque value, or null
   * @param algorithm the algorithm
   * @param qop {@code auth}, {@code auth-int}, or null for RFC 2069 style
   * @param stale whether the server flagged the previous nonce as stale
   */
  record Challenge(
      String realm, String nonce, String opaque, Algorithm algorithm, String qop, boolean stale) {

    Challenge withNonce(String newNonce) {
      return new Challenge(realm, newNonce, opaque, algorithm, qop, false);
    }
  }

  /**
   * The best Digest challenge we can answer among {@code challenges}.
   *
   * @param challenges parsed challenges
   * @return the chosen challenge, or null if none is a usable Digest challenge
   */
  static Challenge choose(List<AuthChallenge> challenges) {
    Challenge best = null;
    for (AuthChallenge c : challenges) {
      if (!c.is("Digest")) {
        continue;
      }
      String nonce = c.param("nonce");
      String realm = c.param("realm");
      Algorithm alg = Algorithm.of(c.param("algorithm"));
      if (nonce == null || realm == null || alg == null) {
        continue;
      }
      String qop = null;
      String qopParam = c.param("qop");
      if (qopParam != null) {
        boolean auth = false;
        boolean authInt = false;
        for (String q : qopParam.split(",")) {
          String t = q.trim().toLowerCase(Locale.ROOT);
          auth |= t.equals("auth");
          authInt |= t.equals("auth-int");
        }
        if (auth) {
          qop = "auth";
        } else if (authInt) {
          qop = "auth-int";
        } else {
          continue; // only unknown qop values
        }
      }
      boolean stale = "true".equalsIgnoreCase(c.param("stale"));
      Challenge ch = new Challenge(realm, nonce, c.param("opaque"), alg, qop, stale);
      if (best == null || alg.ordinal() < best.algorithm().ordinal()) {
        best = ch;
      }
    }
    return best;
  }

  /**
   * A fresh client nonce: 16 random bytes from {@link SecureRandom}, as hex.
   *
   * @return the cnonce
   */
  static String newCnonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * The {@code response} value of RFC 7616 §3.4.1.
   *
   * @param ch the challenge
   * @param credentials user and password
   * @param method the request method
   * @param uri the request-target exactly as sent
   * @param body the body (for auth-int), or null
   * @param nc the nonce count as 8 hex digits
   * @param cnonce the client nonce
   * @return the lower-case hex response
   */
  static String response(
      Challenge ch,
      Credentials credentials,
      String method,
      String uri,
      byte[] body,
      String nc,
      String cnonce) {
    Algorithm alg = ch.algorithm();
    MessageDigest md = alg.newDigest();
    byte[] pw = credentials.secret().utf8();
    String ha1;
    try {
      md.update(utf8(credentials.user()));
      md.update((byte) ':');
      md.update(utf8(ch.realm()));
      md.update((byte) ':');
      md.update(pw);
      byte[] inner = md.digest();
      ha1 = HexFormat.of().formatHex(inner);
      Arrays.fill(inner, (byte) 0);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    if (alg.sess) {
      ha1 = hex(md, ha1 + ":" + ch.nonce() + ":" + cnonce);
    }
    String ha2;
    if ("auth-int".equals(ch.qop())) {
      md.reset();
      String bodyHash = HexFormat.of().formatHex(md.digest(body == null ? new byte[0] : body));
      ha2 = hex(md, method + ":" + uri + ":" + bodyHash);
    } else {
      ha2 = hex(md, method + ":" + uri);
    }
    if (ch.qop() == null) {
      return hex(md, ha1 + ":" + ch.nonce() + ":" + ha2);
    }
    return hex(md, ha1 + ":" + ch.nonce() + ":" + nc + ":" + cnonce + ":" + ch.qop() + ":" + ha2);
  }

  /**
   * The {@code Authorization} header value for one request.
   *
   * @param ch the challenge
   * @param credentials user and password
   * @param method the request method
   * @param uri the request-target exactly as sent
   * @param body the body (for auth-int), or null
   * @param nonceCount the nonce count, from 1
   * @return the header value
   */
  static String authorization(
      Challenge ch,
      Credentials credentials,
      String method,
      String uri,
      byte[] body,
      long nonceCount) {
    // eight lower-case hex digits (RFC 7616), without a Formatter: this runs for every request
    String nc =
        nonceCount >= 0 && nonceCount <= 0xFFFF_FFFFL
            ? HexFormat.of().toHexDigits((int) nonceCount)
            : Long.toHexString(nonceCount);
    String cnonce = newCnonce();
    String response = response(ch, credentials, method, uri, body, nc, cnonce);
    StringBuilder sb = new StringBuilder(256);
    sb.append("Digest username=").append(quote(credentials.user()));
    sb.append(", realm=").append(quote(ch.realm()));
    sb.append(", nonce=").append(quote(ch.nonce()));
    sb.append(", uri=").append(quote(uri));
    sb.append(", algorithm=").append(ch.algorithm().token);
    sb.append(", response=\"").append(response).append('"');
    if (ch.opaque() != null) {
      sb.append(", opaque=").append(quote(ch.opaque()));
    }
    if (ch.qop() != null) {
      sb.append(", qop=").append(ch.qop());
      sb.append(", nc=").append(nc);
      sb.append(", cnonce=\"").append(cnonce).append('"');
    }
    return sb.toString();
  }

  private static String hex(MessageDigest md, String s) {
    md.reset();
    return HexFormat.of().formatHex(md.digest(utf8(s)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }
}
