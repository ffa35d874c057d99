package io.nvrkit.testkit.internal.engine;

import java.math.BigInteger;
import java.net.Socket;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed EC P-256 certificate made at start with Bouncy Castle (subject {@code CN=<cn>}, SAN
 * {@code IP:127.0.0.1} and {@code DNS:localhost}), the server {@link SSLContext} that presents it,
 * and its pin: base64 of the SHA-256 of the DER SubjectPublicKeyInfo, the format {@code
 * TlsTrust.pinned} takes.
 */
public final class TlsMaterial {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Provider BC = new BouncyCastleProvider();
  private static final X509TrustManager NO_CLIENT_CERTIFICATES =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws java.security.cert.CertificateException {
          throw new java.security.cert.CertificateException("no client certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws java.security.cert.CertificateException {
          throw new java.security.cert.CertificateException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  private final SSLContext context;
  private final String pin;
  private final X509Certificate certificate;

  private TlsMaterial(SSLContext context, String pin, X509Certificate certificate) {
    this.context = context;
    this.pin = pin;
    this.certificate = certificate;
  }

  /**
   * Generates a key pair and certificate.
   *
   * @param commonName the subject CN (real recorders use e.g. the serial or {@code IPC})
   * @return the material
   */
  public static TlsMaterial generate(String commonName) {
    try {
      // Bouncy Castle's EC is about three times faster than SunEC on Java 17, which matters for a
      // fleet of 1,000 HTTPS devices; the keys are then handed to the JDK's own classes.
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair bcPair = g.generateKeyPair();
      KeyFactory kf = KeyFactory.getInstance("EC");
      KeyPair kp =
          new KeyPair(
              kf.generatePublic(new X509EncodedKeySpec(bcPair.getPublic().getEncoded())),
              kf.generatePrivate(new PKCS8EncodedKeySpec(bcPair.getPrivate().getEncoded())));
      X500Name name = new X500Name("CN=" + commonName.replaceAll("[^A-Za-z0-9 ._-]", "_"));
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, RANDOM),
              Date.from(now.minus(Duration.ofDays(2))),
              Date.from(now.plus(Duration.ofDays(3650))),
              name,
              kp.getPublic());
      b.addExtension(
          org.bouncycastle.asn1.x509.Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          org.bouncycastle.asn1.x509.Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(
          org.bouncycastle.asn1.x509.Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(
          org.bouncycastle.asn1.x509.Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(
                      new JcaContentSignerBuilder("SHA256withECDSA")
                          .setProvider(BC)
                          .build(bcPair.getPrivate())));
      SSLContext ctx = SSLContext.getInstance("TLS");
      // An explicit trust manager: with null the JDK would load cacerts for every device, and a
      // server that never asks for client certificates needs none of it.
      ctx.init(
          new KeyManager[] {new SingleKeyManager(kp.getPrivate(), cert)},
          new TrustManager[] {NO_CLIENT_CERTIFICATES},
          RANDOM);
      String pin =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
      return new TlsMaterial(ctx, pin, cert);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the fake device's TLS certificate", e);
    }
  }

  /**
   * The server context.
   *
   * @return the context
   */
  public SSLContext context() {
    return context;
  }

  /**
   * The SPKI SHA-256 pin, base64.
   *
   * @return the pin
   */
  public String pin() {
    return pin;
  }

  /**
   * The certificate.
   *
   * @return the certificate
   */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Presents one key and certificate. (A PKCS12 key store would do the same, but its password-based
   * encryption makes 1,000 devices take seconds to start.)
   */
  private static final class SingleKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "device";
    private final PrivateKey key;
    private final X509Certificate cert;

    SingleKeyManager(PrivateKey key, X509Certificate cert) {
      this.key = key;
      this.cert = cert;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return "EC".equals(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return "EC".equals(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return "EC".equals(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? new X509Certificate[] {cert} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }
  }
}
