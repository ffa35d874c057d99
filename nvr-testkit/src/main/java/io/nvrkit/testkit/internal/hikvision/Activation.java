package io.nvrkit.testkit.internal.hikvision;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The older activation handshake of an inactive device, as far as the research documents it (client
 * posts an RSA public key to {@code /ISAPI/Security/challenge}, the device answers a challenge
 * encrypted with it, the client sends the new admin password AES-ECB-encrypted under the challenge
 * to {@code PUT /ISAPI/System/activate}). The exact XML was not researched; this fake's choice,
 * documented in the testkit README:
 *
 * <ul>
 *   <li>request {@code <PublicKey><key>K</key></PublicKey>}, K = base64 of the X.509
 *       SubjectPublicKeyInfo DER of an RSA key, or the hex RSA modulus (exponent 65537);
 *   <li>answer {@code <Challenge><key>C</key></Challenge>}, C = base64 of RSA/ECB/PKCS1 of 16
 *       random bytes, which are the AES-128 key;
 *   <li>request {@code <ActivateInfo><password>P</password></ActivateInfo>}, P = base64 of
 *       AES/ECB/PKCS5 of the UTF-8 password.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class Activation {
  private static final SecureRandom RANDOM = new SecureRandom();

  private byte[] pending;

  /** The challenge for a client key, or null if the key is not usable. */
  synchronized String challenge(String key) {
    PublicKey k = publicKey(key.strip());
    if (k == null) {
      return null;
    }
    byte[] secret = new byte[16];
    RANDOM.nextBytes(secret);
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      c.init(Cipher.ENCRYPT_MODE, k);
      String out = Base64.getEncoder().encodeToString(c.doFinal(secret));
      pending = secret;
      return out;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The password sent to {@code activate}, or null if there is no challenge or it fails. */
  synchronized char[] password(String encrypted) {
    if (pending == null) {
      return null;
    }
    try {
      Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(pending, "AES"));
      byte[] plain = c.doFinal(Base64.getDecoder().decode(encrypted.strip()));
      char[] out = new String(plain, java.nio.charset.StandardCharsets.UTF_8).toCharArray();
      Arrays.fill(plain, (byte) 0);
      return out;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  synchronized void reset() {
    if (pending != null) {
      Arrays.fill(pending, (byte) 0);
    }
    pending = null;
  }

  private static PublicKey publicKey(String key) {
    if (key.isEmpty() || key.length() > 4096) {
      return null;
    }
    try {
      KeyFactory f = KeyFactory.getInstance("RSA");
      if (key.matches("[0-9a-fA-F]+")) {
        return f.generatePublic(
            new RSAPublicKeySpec(new BigInteger(key, 16), BigInteger.valueOf(65537)));
      }
      return f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }
}
