package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.testkit.internal.engine.DigestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * HTTP Digest as an ONVIF device does it, on the testkit's one {@link DigestServer}: {@code
 * qop=auth}, MD5 and SHA-256, one {@code WWW-Authenticate} header per enabled algorithm, the
 * stateless {@link DigestServer#signed signed} nonce policy (forged or foreign nonces are refused,
 * {@code stale=true} when a nonce has expired) and a replay cache of (nonce, nc, cnonce).
 */
final class HttpDigest {
  private final OnvifSettings settings;
  private final NonceCache seen;
  private final DigestServer.NoncePolicy nonces;

  /**
   * Result of {@link #verify}: for {@link Outcome#READY}, {@code proof} tells whether a stored
   * password matches the client's response, and {@code replayKey} is to be marked used with {@link
   * #markUsed} once the login succeeded.
   */
  record Result(
      Outcome outcome,
      String username,
      Predicate<char[]> proof,
      DigestServer.Credentials replayKey) {
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
    this.seen = new NonceCache(settings.digestNonceLifetime().multipliedBy(2));
    this.nonces = DigestServer.signed(settings.digestNonceLifetime(), seen::markUsed);
  }

  /** The WWW-Authenticate header values, one per algorithm. */
  List<String> challenges(Instant now, boolean stale) {
    DigestServer.Nonce n = nonces.issue(now);
    List<String> out = new ArrayList<>();
    for (String alg : settings.digestAlgorithms()) {
      out.add(
          "Digest realm=\""
              + settings.realm()
              + "\", qop=\"auth\", algorithm="
              + alg
              + ", nonce=\""
              + n.nonce()
              + "\", opaque=\""
              + n.opaque()
              + "\""
              + (stale ? ", stale=true" : ""));
    }
    return out;
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
    DigestServer.Credentials c = DigestServer.parse(header);
    if (c == null) {
      return Result.of(Outcome.INVALID, null);
    }
    if (!settings.realm().equals(c.realm())
        || !settings.digestAlgorithms().contains(c.algorithmOrMd5())
        || !c.uri().equals(rawTarget)
        || (c.qop() != null && (!c.qop().equals("auth") || c.nc() == null || c.cnonce() == null))) {
      return Result.of(Outcome.INVALID, c.username());
    }
    switch (nonces.check(c, now)) {
      case STALE:
        return Result.of(Outcome.STALE, c.username());
      case INVALID:
        return Result.of(Outcome.INVALID, c.username());
      default:
        break;
    }
    String realm = settings.realm();
    List<String> algorithms = settings.digestAlgorithms();
    return new Result(
        Outcome.READY,
        c.username(),
        pw -> DigestServer.proves(c, method, realm, algorithms, pw),
        c);
  }

  /**
   * Records a (nonce, nc, cnonce) after a successful login.
   *
   * @return false if it was used before (a replay)
   */
  boolean markUsed(DigestServer.Credentials replayKey, Instant now) {
    return nonces.markUsed(replayKey, now);
  }
}
