package io.nvrkit.onvif.internal;

import io.nvrkit.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * WS-Security UsernameToken with PasswordDigest (OASIS UsernameToken Profile 1.0, onvif.md §2.1):
 * {@code Base64(SHA1(nonce ‖ UTF8(created) ‖ UTF8(password)))} with a 16-byte random nonce and a
 * millisecond UTC {@code Created} (the format every JS peer sends and Hikvision accepts). The
 * caller supplies {@code Created} already shifted by the learned device clock offset. Thread-safe.
 */
public final class UsernameToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The formatter for years outside 0000–9999 only (not needed, so not built, otherwise). */
  private static final class Wide {
    static final DateTimeFormatter CREATED =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
  }

  private UsernameToken() {}

  /**
   * The text of {@code wsu:Created} for an instant: UTC, millisecond precision.
   *
   * @param t the instant
   * @return e.g. {@code 2024-05-01T12:00:00.000Z}
   */
  public static String created(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    if (d.getYear() < 0 || d.getYear() > 9999) {
      return Wide.CREATED.format(t.truncatedTo(ChronoUnit.MILLIS));
    }
    // the same text as the pattern above, without building a DateTimeFormatter on the first
    // authenticated request of every run
    StringBuilder sb = new StringBuilder(24);
    pad(sb, d.getYear(), 4).append('-');
    pad(sb, d.getMonthValue(), 2).append('-');
    pad(sb, d.getDayOfMonth(), 2).append('T');
    pad(sb, d.getHour(), 2).append(':');
    pad(sb, d.getMinute(), 2).append(':');
    pad(sb, d.getSecond(), 2).append('.');
    return pad(sb, t.getNano() / 1_000_000, 3).append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String v = Integer.toString(value);
    for (int i = v.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(v);
  }

  /**
   * Initialises the random source and the SHA-1 provider (the JCA set-up) on first use (see {@link
   * Warmup}).
   */
  static void warmUp() {
    digest(newNonce(), created(Instant.EPOCH), Secret.of("warm-up"));
  }

  /**
   * A fresh 16-byte nonce.
   *
   * @return random bytes
   */
  public static byte[] newNonce() {
    byte[] n = new byte[16];
    RANDOM.nextBytes(n);
    return n;
  }

  /**
   * The PasswordDigest value.
   *
   * @param nonce the raw nonce bytes (not their base64 text)
   * @param created exactly the text sent in {@code wsu:Created}
   * @param password the password
   * @return base64 of the SHA-1 digest
   */
  public static String digest(byte[] nonce, String created, Secret password) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
    sha1.update(nonce);
    sha1.update(created.getBytes(StandardCharsets.UTF_8));
    byte[] pw = password.utf8();
    try {
      sha1.update(pw);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    return Base64.getEncoder().encodeToString(sha1.digest());
  }

  /**
   * Writes {@code wsse:Security} (mustUnderstand) with the token into an open {@code env:Header}.
   *
   * @param w the writer (prefixes wsse and wsu declared)
   * @param user the user name (escaped)
   * @param password the password
   * @param createdAt the device-clock instant to put in Created
   */
  public static void write(SoapWriter w, String user, Secret password, Instant createdAt) {
    byte[] nonce = newNonce();
    String created = created(createdAt);
    w.start("wsse:Security").attr("env:mustUnderstand", "true");
    w.start("wsse:UsernameToken");
    w.element("wsse:Username", user);
    w.start("wsse:Password").attr("Type", Ns.PASSWORD_DIGEST);
    w.text(digest(nonce, created, password)).end();
    w.start("wsse:Nonce").attr("EncodingType", Ns.BASE64_BINARY);
    w.text(Base64.getEncoder().encodeToString(nonce)).end();
    w.element("wsu:Created", created);
    w.end().end();
  }
}
