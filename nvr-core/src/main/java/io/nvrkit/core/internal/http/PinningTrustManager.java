package io.nvrkit.core.internal.http;

import io.nvrkit.core.PinStore;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server by the SHA-256 of its leaf certificate's SubjectPublicKeyInfo (RFC 7469 {@code
 * pin-sha256}), for one endpoint: a fixed pin, or trust on first use through a {@link PinStore}.
 *
 * <p>A mismatch <em>throws</em> {@link CertificateException}; it never answers "not trusted" in a
 * way that would let a caller fall back to the system trust store. Host names are not checked: the
 * pin is the identity (recorders' certificates name {@code IPC} or similar). Chain validity dates
 * are not checked either, for the same reason. Thread-safe.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private final String endpointKey;
  private final String fixedPin;
  private final PinStore store;

  private PinningTrustManager(String endpointKey, String fixedPin, PinStore store) {
    this.endpointKey = endpointKey;
    this.fixedPin = fixedPin;
    this.store = store;
  }

  /**
   * Trust exactly one pin.
   *
   * @param endpointKey the endpoint, for messages
   * @param pin canonical base64 pin
   * @return the trust manager
   */
  static PinningTrustManager pinned(String endpointKey, String pin) {
    return new PinningTrustManager(endpointKey, pin, null);
  }

  /**
   * Trust on first use.
   *
   * @param endpointKey the key the pin is stored under
   * @param store the store
   * @return the trust manager
   */
  static PinningTrustManager trustOnFirstUse(String endpointKey, PinStore store) {
    return new PinningTrustManager(endpointKey, null, store);
  }

  /**
   * The base64 SHA-256 of the certificate's SubjectPublicKeyInfo.
   *
   * @param cert the certificate
   * @return the pin
   */
  static String pinOf(X509Certificate cert) {
    try {
      byte[] spki = cert.getPublicKey().getEncoded();
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("server sent no certificate");
    }
    String seen = pinOf(chain[0]);
    String expected;
    if (fixedPin != null) {
      expected = fixedPin;
    } else {
      try {
        expected = store.recordIfAbsent(endpointKey, seen);
      } catch (RuntimeException e) {
        throw new CertificateException("trust-on-first-use pin store failed: " + e.getMessage(), e);
      }
    }
    if (!MessageDigest.isEqual(
        expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        seen.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new PinMismatchException(endpointKey, expected, seen);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  /** The certificate's key does not match the pin. */
  static final class PinMismatchException extends CertificateException {
    private static final long serialVersionUID = 1L;

    PinMismatchException(String endpointKey, String expected, String seen) {
      super(
          "public key of "
              + endpointKey
              + " does not match the pin: expected sha256/"
              + expected
              + ", got sha256/"
              + seen);
    }
  }
}
