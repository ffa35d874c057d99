package io.nvrkit.core.internal.http;

import io.nvrkit.core.Credentials;
import io.nvrkit.core.spi.DeviceHttpResponse;

/**
 * What one transport remembers about the device's Digest challenge: the last nonce, its nonce
 * count, which credentials the device accepted with it, and whether the device accepts reused
 * nonces.
 *
 * <p>Pre-emptive {@code Authorization} (saving the challenge round trip) is offered only when the
 * device has not refused a reused nonce, and either the same credentials were already accepted with
 * this nonce, or the device has accepted a reused nonce before (then a refusal without {@code
 * stale=true} can only mean wrong credentials). Thread-safe.
 */
final class DigestState {

  /**
   * A pre-emptive use of the cached challenge.
   *
   * @param challenge the challenge
   * @param nc the nonce count to send
   * @param proven whether these credentials were accepted with this nonce before
   * @param epoch the challenge generation, to ignore late updates from an older one
   */
  record Preemptive(Digest.Challenge challenge, long nc, boolean proven, long epoch) {}

  private Digest.Challenge challenge;
  private long nc;
  private Credentials proven;
  private boolean reuseConfirmed;
  private boolean reuseRefused;
  private long epoch;

  /**
   * The next pre-emptive use, if allowed.
   *
   * @param c the request's credentials
   * @return the challenge and nc to use, or null to draw a fresh challenge first
   */
  synchronized Preemptive preemptive(Credentials c) {
    if (challenge == null || reuseRefused) {
      return null;
    }
    boolean isProven = same(proven, c);
    if (!isProven && !reuseConfirmed) {
      return null;
    }
    nc++;
    return new Preemptive(challenge, nc, isProven, epoch);
  }

  /**
   * A fresh challenge is about to be answered.
   *
   * @param fresh the challenge
   * @return its use with nc 1
   */
  synchronized Preemptive answering(Digest.Challenge fresh) {
    epoch++;
    challenge = fresh;
    nc = 1;
    proven = null;
    return new Preemptive(fresh, 1, false, epoch);
  }

  /**
   * The device accepted {@code c} with {@code use} (its answer was not 401).
   *
   * @param use the challenge use
   * @param c the credentials
   * @param r the response, for {@code Authentication-Info: nextnonce}
   */
  synchronized void accepted(Preemptive use, Credentials c, DeviceHttpResponse r) {
    if (use.epoch() != epoch) {
      return;
    }
    if (use.nc() > 1) {
      reuseConfirmed = true;
    }
    proven = c;
    String info = r.header("authentication-info").orElse(null);
    if (info != null) {
      for (AuthChallenge ac : AuthChallenge.parse(java.util.List.of("Info " + info))) {
        String next = ac.param("nextnonce");
        if (next != null && !next.isEmpty()) {
          epoch++;
          challenge = challenge.withNonce(next);
          nc = 0;
        }
      }
    }
  }

  /**
   * The device refused credentials; remember its new challenge, if any, but no accepted
   * credentials.
   *
   * @param next the challenge of the refusal, or null
   */
  synchronized void refused(Digest.Challenge next) {
    epoch++;
    proven = null;
    challenge = next;
    nc = 0;
  }

  /** The device is known to use every nonce once: never send a cached one pre-emptively. */
  synchronized void singleUseNonces() {
    reuseRefused = true;
  }

  /**
   * Whether the device has accepted a reused nonce before.
   *
   * @return true once reuse is confirmed
   */
  synchronized boolean reuseConfirmed() {
    return reuseConfirmed;
  }

  /** A reused nonce of proven credentials was refused without {@code stale=true}. */
  synchronized void reuseRefusedOnce() {
    if (!reuseConfirmed) {
      reuseRefused = true;
    }
  }

  /** Forgets the challenge (the device answered 401 without one). */
  synchronized void forget() {
    epoch++;
    challenge = null;
    proven = null;
    nc = 0;
  }

  private static boolean same(Credentials a, Credentials b) {
    if (a == null || b == null) {
      return false;
    }
    if (a == b) {
      return true;
    }
    try {
      return a.user().equals(b.user()) && a.secret().equals(b.secret());
    } catch (IllegalStateException destroyed) {
      return false;
    }
  }
}
