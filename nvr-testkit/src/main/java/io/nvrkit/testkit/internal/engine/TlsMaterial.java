package io.nvrkit.testkit.internal.engine;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed EC P-256 certificate made at start with Bouncy Castle (subject {@code CN=<cn>}, SAN
 * {@code IP:127.0.0.1} and {@code DNS:localhost}), the server {@link SSLContext} that presents it,
 * and its pin: base64 of the SHA-256 of the DER SubjectPublicKeyInfo, the format {@code
 * TlsTrust.pinned} takes.
 */
public final class TlsMaterial {
  private static final SecureRandom RANDOM = new SecureRandom();

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
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair kp = g.generateKeyPair();
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
                  b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
      char[] pass = "fake".toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("device", kp.getPrivate(), pass, new java.security.cert.Certificate[] {cert});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pass);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, RANDOM);
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
}
