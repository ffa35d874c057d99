package io.nvrkit.core;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * How the certificate of an HTTPS device is trusted.
 *
 * <ul>
 *   <li>{@link #system()}: the JDK's trust store and host-name verification (the default);
 *   <li>{@link #pinned(String)}: exactly one public key, by the SHA-256 of its DER
 *       SubjectPublicKeyInfo (RFC 7469 {@code pin-sha256}); a mismatch throws {@link
 *       TlsTrustException} and never falls back to the system store;
 *   <li>{@link #trustOnFirstUse(PinStore)}: the first key seen is recorded in the {@link PinStore}
 *       and enforced afterwards;
 *   <li>{@link #insecure()}: no verification at all. It works, and logs a WARN once per endpoint.
 * </ul>
 *
 * <p>Recorders ship self-signed certificates: pin them rather than turning verification off.
 * Immutable and thread-safe.
 */
public sealed interface TlsTrust {

  /**
   * The JDK's default trust store and host-name verification.
   *
   * @return the system trust
   */
  static TlsTrust system() {
    return SystemDefault.INSTANCE;
  }

  /**
   * Trust exactly the key whose SubjectPublicKeyInfo hashes to {@code sha256}.
   *
   * @param sha256 the pin, as base64 (optionally prefixed {@code sha256/}) or as 64 hex digits
   *     (colons allowed)
   * @return the pinned trust
   * @throws IllegalArgumentException if the pin is not a SHA-256 in one of those forms
   */
  static TlsTrust pinned(String sha256) {
    return new Pinned(Pinned.canonical(sha256));
  }

  /**
   * Record the first key seen for each endpoint in {@code store} and enforce it afterwards.
   *
   * @param store where pins are kept
   * @return trust on first use
   */
  static TlsTrust trustOnFirstUse(PinStore store) {
    return new TrustOnFirstUse(Objects.requireNonNull(store, "store"));
  }

  /**
   * No certificate verification. Use only on a lab network; logs a WARN once per endpoint.
   *
   * @return insecure trust
   */
  static TlsTrust insecure() {
    return Insecure.INSTANCE;
  }

  /** The JDK trust store. */
  enum SystemDefault implements TlsTrust {
    /** The only instance. */
    INSTANCE
  }

  /** No verification. */
  enum Insecure implements TlsTrust {
    /** The only instance. */
    INSTANCE
  }

  /**
   * A pinned key.
   *
   * @param sha256Base64 the canonical pin: standard base64 of the SHA-256 of the DER
   *     SubjectPublicKeyInfo
   */
  record Pinned(String sha256Base64) implements TlsTrust {
    /**
     * Validates the pin.
     *
     * @param sha256Base64 the canonical pin
     */
    public Pinned {
      sha256Base64 = canonical(sha256Base64);
    }

    /**
     * The pin's 32 bytes.
     *
     * @return a fresh array
     */
    public byte[] digest() {
      return Base64.getDecoder().decode(sha256Base64);
    }

    static String canonical(String pin) {
      Objects.requireNonNull(pin, "pin");
      String p = pin.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("sha256/")) {
        p = p.substring(7);
      }
      String hex = p.replace(":", "");
      if (hex.length() == 64 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(p);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "TLS pin must be a SHA-256 as base64 or 64 hex digits", e);
      }
      if (raw.length != 32) {
        throw new IllegalArgumentException(
            "TLS pin must be a SHA-256 (32 bytes), got " + raw.length + " bytes");
      }
      return Base64.getEncoder().encodeToString(raw);
    }
  }

  /**
   * Trust on first use.
   *
   * @param store where pins are recorded
   */
  record TrustOnFirstUse(PinStore store) implements TlsTrust {}
}
