package io.nvrkit.testkit.internal.lorex;

import io.nvrkit.testkit.internal.engine.DigestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * HTTP Digest as Dahua firmware does it, on the testkit's one {@link DigestServer}: MD5, {@code
 * qop=auth}, a fresh numeric nonce and an opaque per challenge, every nonce good for one request
 * only (a reused nonce, even with {@code nc=00000002}, gets a new 401) and for 5 minutes. The
 * {@code uri} must equal the request target including its query (checked by the caller).
 * Thread-safe.
 */
final class DigestAuth {
  private static final List<String> MD5_ONLY = List.of("MD5");

  private final DigestServer.NoncePolicy nonces =
      DigestServer.singleUse(Duration.ofMinutes(5), 4096);

  /**
   * Issues a challenge header value, in the firmware's spelling.
   *
   * @param realm the realm
   * @param now the device time
   * @return the {@code WWW-Authenticate} value
   */
  String challenge(String realm, Instant now) {
    DigestServer.Nonce n = nonces.issue(now);
    return "Digest realm=\""
        + realm
        + "\",qop=\"auth\",nonce=\""
        + n.nonce()
        + "\",opaque=\""
        + n.opaque()
        + "\"";
  }

  /**
   * Takes a nonce out of circulation.
   *
   * @param c the credentials naming it
   * @param now the device time
   * @return true if it had been issued, was unused, unexpired, and the opaque matches
   */
  boolean consume(DigestServer.Credentials c, Instant now) {
    return nonces.check(c, now) == DigestServer.Freshness.FRESH;
  }

  /** Forgets every nonce. */
  void clear() {
    nonces.clear();
  }

  /**
   * Parses a Digest authorization header ({@link DigestServer#parse}: strict RFC 7616).
   *
   * @param header the header value
   * @return the credentials, or null if it is not a usable Digest header
   */
  static DigestServer.Credentials parse(String header) {
    return DigestServer.parse(header);
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
  static boolean matches(DigestServer.Credentials c, String method, String realm, char[] password) {
    return DigestServer.proves(c, method, realm, MD5_ONLY, password);
  }

  static String md5Hex(String s) {
    return DigestServer.hex("MD5", s, null);
  }

  /** MD5 of prefix + password, UTF-8, lower-case hex; the password bytes are wiped. */
  static String md5Hex(String prefix, char[] password) {
    return DigestServer.hex("MD5", prefix, password);
  }
}
