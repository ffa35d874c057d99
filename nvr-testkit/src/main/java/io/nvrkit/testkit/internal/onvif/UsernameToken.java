package io.nvrkit.testkit.internal.onvif;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A WS-Security UsernameToken taken from a request's {@code wsse:Security} header, and its
 * verification (OASIS UsernameToken Profile 1.0: {@code Base64(SHA1(nonce ‖ created ‖ password))}
 * over the raw nonce bytes and the exact {@code wsu:Created} text).
 *
 * <p>{@code toString()} never shows the password or digest.
 */
final class UsernameToken {
  final String username;
  private final String password;
  final boolean digest;
  final String nonceText;
  final String created;

  private UsernameToken(
      String username, String password, boolean digest, String nonceText, String created) {
    this.username = username;
    this.password = password;
    this.digest = digest;
    this.nonceText = nonceText;
    this.created = created;
  }

  /** Outcome of {@link #check}. */
  enum Check {
    OK,
    /** Created missing/invalid/outside the window */
    STALE,
    /** nonce or Created missing, PasswordText refused, bad encoding */
    MALFORMED
  }

  /**
   * Finds the UsernameToken in the SOAP header, if any.
   *
   * @throws SoapFault NotAuthorized when a Security header is present but has no usable token
   */
  static Optional<UsernameToken> from(XmlNode header) {
    if (header == null) {
      return Optional.empty();
    }
    Optional<XmlNode> sec = header.child(Ns.WSSE, "Security");
    if (sec.isEmpty()) {
      return Optional.empty();
    }
    XmlNode ut =
        sec.get()
            .child(Ns.WSSE, "UsernameToken")
            .orElseThrow(
                () ->
                    SoapFault.notAuthorized(
                        "An error was discovered processing the <wsse:Security> header."));
    XmlNode user =
        ut.child(Ns.WSSE, "Username")
            .orElseThrow(
                () ->
                    SoapFault.notAuthorized(
                        "An error was discovered processing the <wsse:Security> header."));
    XmlNode pw =
        ut.child(Ns.WSSE, "Password")
            .orElseThrow(() -> SoapFault.notAuthorized("Sender not Authorized"));
    String type = pw.attr("", "Type").orElse(Ns.PASSWORD_TEXT).strip();
    boolean digest = type.equals(Ns.PASSWORD_DIGEST);
    if (!digest && !type.equals(Ns.PASSWORD_TEXT)) {
      throw SoapFault.notAuthorized("Unsupported password type");
    }
    String nonce = ut.child(Ns.WSSE, "Nonce").map(n -> n.text().strip()).orElse(null);
    String created = ut.child(Ns.WSU, "Created").map(XmlNode::text).orElse(null);
    return Optional.of(new UsernameToken(user.text().strip(), pw.text(), digest, nonce, created));
  }

  /**
   * The checks that need no password: nonce and Created present, PasswordText allowed, encodings
   * valid, Created within the window of the device clock.
   *
   * @return OK, MALFORMED or STALE
   */
  Check precheck(Instant now, OnvifSettings settings) {
    if (nonceText == null || created == null) {
      return Check.MALFORMED;
    }
    if (!digest && !settings.passwordText()) {
      return Check.MALFORMED;
    }
    byte[] nonce;
    try {
      nonce = Base64.getMimeDecoder().decode(nonceText);
    } catch (IllegalArgumentException e) {
      return Check.MALFORMED;
    }
    if (nonce.length == 0 || nonce.length > 64) {
      return Check.MALFORMED;
    }
    Optional<Instant> createdAt = parseCreated(created);
    if (createdAt.isEmpty()) {
      return Check.STALE;
    }
    long skewMillis = Math.abs(createdAt.get().toEpochMilli() - now.toEpochMilli());
    if (skewMillis > settings.createdWindow().toMillis()) {
      return Check.STALE;
    }
    return Check.OK;
  }

  /**
   * Whether the token proves knowledge of {@code storedPassword} (call after {@link #precheck}).
   */
  boolean matches(char[] storedPassword) {
    if (storedPassword == null) {
      return false;
    }
    if (digest) {
      byte[] given;
      try {
        given = Base64.getMimeDecoder().decode(password.strip());
      } catch (IllegalArgumentException e) {
        return false;
      }
      byte[] expected = digest(Base64.getMimeDecoder().decode(nonceText), created, storedPassword);
      return MessageDigest.isEqual(expected, given);
    }
    byte[] a = utf8(password.toCharArray());
    byte[] b = utf8(storedPassword);
    boolean eq = MessageDigest.isEqual(a, b);
    Arrays.fill(a, (byte) 0);
    Arrays.fill(b, (byte) 0);
    return eq;
  }

  /** The replay-cache key: the decoded nonce bytes (base64 normalised). */
  String nonceKey() {
    return Base64.getEncoder().encodeToString(Base64.getMimeDecoder().decode(nonceText));
  }

  /** {@code SHA1(nonce ‖ UTF8(created) ‖ UTF8(password))}. */
  static byte[] digest(byte[] nonce, String created, char[] password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(nonce);
      sha1.update(created.getBytes(StandardCharsets.UTF_8));
      byte[] pw = utf8(password);
      sha1.update(pw);
      Arrays.fill(pw, (byte) 0);
      return sha1.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 missing from the JDK", e);
    }
  }

  static byte[] utf8(char[] chars) {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return out;
  }

  /**
   * Parses an xs:dateTime. A value without a zone is taken as UTC (as gSOAP-based firmware does); a
   * value that is not an xs:dateTime (e.g. {@code 2024-05-1T…}) is rejected.
   */
  static Optional<Instant> parseCreated(String text) {
    Instant utc = plainUtc(text.strip());
    // the form every client sends is read without a formatter; anything else by the formatter
    return utc != null ? Optional.of(utc) : withFormatter(text);
  }

  /** {@link #parseCreated} by the ISO formatter alone (the reference for the shortcut). */
  static Optional<Instant> withFormatter(String text) {
    String s = text.strip();
    if (s.length() > 40) {
      return Optional.empty();
    }
    for (String candidate : new String[] {s, s + "Z"}) {
      try {
        return Optional.of(
            OffsetDateTime.parse(candidate, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (one to nine fraction digits), or null for any other text,
   * including dates and times that do not exist: the formatter then decides.
   */
  private static Instant plainUtc(String s) {
    int n = s.length();
    if (n < 20
        || n == 21
        || n > 30
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || (n > 20 && s.charAt(19) != '.')) {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
    if ((year | month | day | hour | minute | second | fraction) < 0) {
      return null;
    }
    for (int i = n - 21; i < 9 && n > 20; i++) {
      fraction *= 10; // 9 digits at most: no overflow
    }
    try {
      return java.time.LocalDateTime.of(year, month, day, hour, minute, second, fraction)
          .toInstant(java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** The decimal value of {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  @Override
  public String toString() {
    return "UsernameToken[" + username + ", digest=" + digest + "]";
  }
}
